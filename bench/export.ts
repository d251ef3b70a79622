// Export benchmark: a round of N goals (default 1,000; the demo goals of 2020 copied, so a fifth of
// them have four projects) exported as XLSX, CSV and PPTX, timed and with the peak heap measured,
// against two baselines measured in the same run:
//   - "model": building the plain export model from the stored data (what every format starts from);
//   - "bare xlsx": exceljs's streaming writer writing the same cells with no styles, merges or measuring.
// Every step also records the event-loop delay of the main thread (what a card invoke or health probe
// arriving meanwhile would wait), against an idle stretch of the same run, and the deck is rendered
// twice: on the main thread, and in a worker thread as the server does (exports/deck-renderer.ts).
// Run: npm run bench:export [-- --goals 1000]   (node --expose-gc makes the heap figures steadier)
import { Writable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { pino } from "pino";
import ExcelJS from "exceljs";
import { writeSummaryCsv } from "../bot/src/exports/csv.js";
import { DeckRenderer } from "../bot/src/exports/deck-renderer.js";
import { buildExportModel, type ExportModel } from "../bot/src/exports/model.js";
import { planDeck, writeDeckPptx } from "../bot/src/exports/pptx.js";
import { selectScope } from "../bot/src/reporting/export-scope.js";
import { summaryColumns } from "../bot/src/exports/table.js";
import { writeSummaryXlsx } from "../bot/src/exports/xlsx.js";
import { translator } from "@goal-forecast/core/i18n";
import { syntheticRound } from "../tests/support/synthetic-round.js";

const argGoals = process.argv.indexOf("--goals");
const GOALS = argGoals > 0 ? Number(process.argv[argGoals + 1]) : 1000;

class CountingSink extends Writable {
  bytes = 0;
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.bytes += chunk.length;
    done();
  }
}

interface Measure {
  ms: number;
  /** CPU time of the process: steadier than wall time when the machine is shared. */
  cpuMs: number;
  /** Main thread only: a worker's heap is its own. */
  peakHeapMb: number;
  /** The whole process, worker threads included. */
  peakRssMb: number;
  /** Event-loop delay of the main thread during the step. */
  loopP99Ms: number;
  loopMaxMs: number;
  bytes: number;
}

async function measure(run: (sink: CountingSink) => Promise<void>): Promise<Measure> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const start = process.memoryUsage();
  let peak = start.heapUsed;
  let peakRss = start.rss;
  const sample = (): void => {
    const now = process.memoryUsage();
    peak = Math.max(peak, now.heapUsed);
    peakRss = Math.max(peakRss, now.rss);
  };
  const timer = setInterval(sample, 5);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  // The histogram records the gap between two of its ticks: let it tick before the step blocks…
  await sleep(50);
  const sink = new CountingSink();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await run(sink);
  const cpu = process.cpuUsage(cpu0);
  const ms = performance.now() - t0;
  await sleep(50); // and tick once after it, or a step that blocks throughout records nothing
  loop.disable();
  clearInterval(timer);
  sample();
  return {
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakHeapMb: (peak - start.heapUsed) / 2 ** 20,
    peakRssMb: (peakRss - start.rss) / 2 ** 20,
    loopP99Ms: loop.percentile(99) / 1e6,
    loopMaxMs: loop.max / 1e6,
    bytes: sink.bytes,
  };
}

/** The same cells as the summary table, written with no styling: what exceljs costs at the least. */
async function bareWorkbook(model: ExportModel, sink: Writable): Promise<void> {
  const columns = summaryColumns(model, translator(model.lang), "xlsx");
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = wb.addWorksheet("bare");
  for (const group of model.groups)
    for (const row of group.rows) sheet.addRow(columns.map((c) => c.value(row, group))).commit();
  sheet.commit();
  await wb.commit();
}

async function main(): Promise<void> {
  const { round, register, reports } = syntheticRound(GOALS);
  const viewer = { roles: new Set(["manager" as const]) };
  let model: ExportModel | undefined;
  const build = async (): Promise<void> => {
    const scope = selectScope(round, register, reports, viewer, {}, "fi");
    if (scope.kind !== "ok") throw new Error(scope.kind);
    model = buildExportModel({ ...scope.scope, lang: "fi", now: new Date() });
  };
  await build(); // warm-up: module loading and JIT are not what is measured
  await writeSummaryXlsx(model!, new CountingSink());
  await writeDeckPptx({ ...model!, subjects: model!.subjects.slice(0, 20) }, new CountingSink());

  const decks = new DeckRenderer({ concurrency: 1, logger: pino({ level: "silent" }) });
  const unaborted = new AbortController().signal;
  await decks.render({ ...model!, subjects: model!.subjects.slice(0, 20) }, new CountingSink(), unaborted);

  const results: [string, Measure][] = [];
  results.push(["idle 2 s (loop baseline)", await measure(() => sleep(2000))]);
  results.push(["model (baseline)", await measure(build)]);
  const m = model!;
  results.push(["bare xlsx (baseline)", await measure((sink) => bareWorkbook(m, sink))]);
  results.push(["summary.xlsx", await measure((sink) => writeSummaryXlsx(m, sink))]);
  results.push(["summary.csv", await measure((sink) => writeSummaryCsv(m, sink, ";"))]);
  let slides = 0;
  results.push(["deck layout only", await measure(async () => void (slides = planDeck(m).length))]);
  results.push(["deck.pptx, main thread", await measure((sink) => writeDeckPptx(m, sink))]);
  results.push([
    "deck.pptx, worker thread",
    await measure(async (sink) => void (await decks.render(m, sink, unaborted))),
  ]);
  await decks.close();

  const [idle, modelTime, bare] = [results[0]![1], results[1]![1], results[2]![1]];
  console.log(
    `\n${GOALS} goals, ${m.subjects.length} subjects, ${slides + 1} slides · node ${process.version}\n`,
  );
  console.log(
    "| step | wall ms | CPU ms | CPU × model | CPU × bare xlsx | main heap MB | heap × bare xlsx | process RSS MB | loop p99 ms | × idle | loop max ms | × idle | output KB |",
  );
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const [name, r] of results)
    console.log(
      `| ${name} | ${r.ms.toFixed(0)} | ${r.cpuMs.toFixed(0)} | ${(r.cpuMs / modelTime.cpuMs).toFixed(1)} | ${(r.cpuMs / bare.cpuMs).toFixed(2)} | ${r.peakHeapMb.toFixed(0)} | ${(r.peakHeapMb / Math.max(1, bare.peakHeapMb)).toFixed(2)} | ${r.peakRssMb.toFixed(0)} | ${r.loopP99Ms.toFixed(0)} | ${(r.loopP99Ms / idle.loopP99Ms).toFixed(1)} | ${r.loopMaxMs.toFixed(0)} | ${(r.loopMaxMs / idle.loopMaxMs).toFixed(1)} | ${(r.bytes / 1024).toFixed(0)} |`,
    );
}

await main();
