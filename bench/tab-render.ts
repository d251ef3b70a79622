// The tab's first render of a large round overview in headless Chromium, and the tab's JS size.
//   - Render: a manager signed in with a development token (as tests/browser do) opens the overview of
//     the newest of 8 rounds of 1,000 goals (~1,600 subjects); timed from navigation start to the frame
//     after every row is in the page, with the overview API's response end from the page's resource
//     timing. Baseline in the same run and browser: the same page for the demo round of June 2020
//     (8 subjects). Each repetition is a fresh browser context (empty cache); variants alternate.
//   - Size: the built tab's JavaScript (dist/tab/assets), gzipped with zlib, against React + ReactDOM
//     alone built by the same Vite into dist/bench/react-only.
// Run: npm run bench:tab [-- --goals 1000 --rounds 8 --reps 5]
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "vite";
import { repoRoot } from "../bot/src/app.js";
import { ensureTabBuilt, launchBrowser, openTab } from "../tests/support/browser.js";
import { writeBigHistory } from "./lib/big-history.js";
import { numberArg } from "./lib/args.js";
import { startBenchServer } from "./lib/server.js";
import { ms, printTable, ratio, spread, within } from "./lib/stats.js";

const GOALS = numberArg("goals", 1000, 1, 5000);
const ROUNDS = numberArg("rounds", 8, 2, 20);
const REPS = numberArg("reps", 5, 1, 20);
const MANAGER = "p-jari-toivonen";
/** The tab's budget for its JavaScript, gzipped (docs/BENCHMARKS.md). */
const BUDGET_KB = 500;

/** Records, in the page, when the first row and all `expected` rows are in the document (the frame after). */
const observer = (expected: number): string => `
  window.__render = {};
  new MutationObserver((_, self) => {
    const rows = document.querySelectorAll("[data-subject]").length;
    const r = window.__render;
    if (rows > 0 && r.first === undefined) requestAnimationFrame(() => (r.first = performance.now()));
    if (rows >= ${expected} && r.all === undefined) {
      r.all = -1;
      self.disconnect();
      requestAnimationFrame(() => (r.all = performance.now()));
    }
  }).observe(document, { childList: true, subtree: true });`;

/** What the observer leaves in the page, and the part of the page's Performance API read here. */
interface PageGlobals {
  __render: { first?: number; all?: number };
  performance: { getEntriesByType(type: "resource"): { name: string; responseEnd: number }[] };
}

interface Render {
  apiMs: number;
  firstMs: number;
  allMs: number;
}

function gzippedKb(files: string[]): number {
  return files.reduce((n, f) => n + gzipSync(readFileSync(f)).length, 0) / 1024;
}

function jsFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".js"))
    .map((f) => join(dir, f));
}

/** React + ReactDOM rendering one element, built as the tab is (production mode, es2022). */
async function reactOnlyKb(): Promise<number> {
  const dir = join(repoRoot(), "dist", "bench", "react-only");
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "index.html"),
    '<!doctype html><div id="root"></div><script type="module" src="./main.js"></script>',
  );
  writeFileSync(
    join(dir, "main.js"),
    'import { createElement } from "react";\nimport { createRoot } from "react-dom/client";\n' +
      'createRoot(document.getElementById("root")).render(createElement("p", null, "Hei"));\n',
  );
  await build({
    configFile: false,
    root: dir,
    logLevel: "silent",
    build: { outDir: join(dir, "out"), emptyOutDir: true, target: "es2022" },
  });
  return gzippedKb(jsFiles(join(dir, "out", "assets")));
}

async function main(): Promise<void> {
  ensureTabBuilt();
  const tabKb = gzippedKb(jsFiles(join(repoRoot(), "dist", "tab", "assets")));
  const reactKb = await reactOnlyKb();

  const server = await startBenchServer({ SEED_DEMO_DATA: "true" });
  const browser = await launchBrowser();
  const { app } = server;
  try {
    const history = await writeBigHistory(app.stores, GOALS, ROUNDS);
    const variants = [
      { name: "demo round 2020-2, 8 subjects (baseline)", roundId: "2020-2", rows: 8 },
      {
        name: `${history.last.id}: ${GOALS} goals, ${history.subjects} subjects`,
        roundId: history.last.id,
        rows: history.subjects,
      },
    ];
    const renders = variants.map(() => [] as Render[]);
    for (let rep = 0; rep <= REPS; rep++) {
      for (const [i, v] of variants.entries()) {
        const tab = await openTab(browser, app, {
          as: MANAGER,
          hash: `#/rounds/${v.roundId}`,
          initScript: observer(v.rows),
        });
        try {
          // Functions, not strings: the page's Content-Security-Policy forbids eval. No DOM types here.
          await tab.page.waitForFunction(
            () => ((globalThis as unknown as PageGlobals).__render.all ?? 0) > 0,
            undefined,
            {
              timeout: 60_000,
            },
          );
          const render = await within(
            10_000,
            "reading the timings",
            tab.page.evaluate(() => {
              const page = globalThis as unknown as PageGlobals;
              return {
                first: page.__render.first ?? NaN,
                all: page.__render.all ?? NaN,
                api: page.performance.getEntriesByType("resource").find((e) => e.name.includes("/overview"))
                  ?.responseEnd,
              };
            }),
          );
          if (tab.errors.length > 0) throw new Error(`errors in the page: ${tab.errors.join("; ")}`);
          // Repetition 0 warms up the server and the browser; it is not counted.
          if (rep > 0)
            renders[i]!.push({ apiMs: render.api ?? NaN, firstMs: render.first, allMs: render.all });
        } finally {
          await tab.context.close();
        }
      }
    }

    console.log(
      `\nfirst render of the round overview, manager, fresh context each time; ${REPS} repetitions · ` +
        `${await browser.version()}\n`,
    );
    const base = spread(renders[0]!.map((r) => r.allMs)).median;
    printTable(
      ["overview", "API response end ms", "first row ms", "all rows ms (min–max)", "× baseline"],
      variants.map((v, i) => {
        const all = spread(renders[i]!.map((r) => r.allMs));
        return [
          v.name,
          ms(spread(renders[i]!.map((r) => r.apiMs)).median),
          ms(spread(renders[i]!.map((r) => r.firstMs)).median),
          `${ms(all.median)} (${ms(all.min)}–${ms(all.max)})`,
          ratio(all.median, base),
        ];
      }),
    );
    console.log(
      `\ntab JavaScript, gzipped: ${tabKb.toFixed(0)} KB = ${ratio(tabKb, reactKb)} React + ReactDOM alone ` +
        `(${reactKb.toFixed(0)} KB); budget ${BUDGET_KB} KB${tabKb > BUDGET_KB ? " — OVER BUDGET" : ""}`,
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
