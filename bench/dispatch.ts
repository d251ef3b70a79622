// Dispatch benchmark: one round for N synthetic owners (default 10,000), each owner with one goal and
// a 1:1 chat, sent by the real server (a child process: `tsx bot/src/main.ts`, botbuilder sender,
// Azurite tables and queues) to the local Teams connector enforcing Teams' documented limits
// (50 requests/s per tenant, 7/1 s, 8/2 s, 60/30 s, 1,800/h per conversation; 429 + Retry-After).
// Figures, each against a baseline of the same run: messages/s as a % of the 50/s limit, total time
// against the N/50 s floor, duplicates, lost, 429s, the server's peak RSS against its idle RSS after boot.
// Variants: --faults 0.05 (that share of sends answered 429 + Retry-After or 503, half each, seeded),
//           --kill-at 0.5 (kill -9 of the server once half the owners have their message; restarted at once).
// Run: npm run bench:dispatch [-- --owners 10000] [--faults 0.05] [--kill-at 0.5] [--json] [--cpu-prof DIR]
// BENCH_KEEP=1 keeps the server's log (the folder is named on exit).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Goal, Person, Theme } from "@goal-forecast/core/domain/model";
import { CHECKIN_BATCH } from "../bot/src/dispatch/schedule.js";
import { StorageAccount } from "../bot/src/storage/client.js";
import type { ConversationRecord } from "../bot/src/storage/conversations.js";
import { FINAL_STATES } from "@goal-forecast/core/domain/delivery";
import { TableDeliveryStore, type DeliverySummary } from "../bot/src/storage/deliveries.js";
import { createStores } from "../bot/src/storage/index.js";
import { startAzurite, type Azurite } from "../scripts/lib/azurite.js";
import { ServerProcess } from "../tests/support/server-process.js";
import { contract } from "@goal-forecast/core/contract";
import { ApiClient } from "../scripts/lib/api-client.js";
import { startTeamsConnector, TEAMS_LIMITS, type TeamsConnector } from "../tests/support/teams-connector.js";

const { values: args } = parseArgs({
  options: {
    owners: { type: "string", default: "10000" },
    faults: { type: "string", default: "0" },
    "kill-at": { type: "string" },
    json: { type: "boolean", default: false },
    /** Write a V8 CPU profile of the server into this folder (where the time goes). */
    "cpu-prof": { type: "string" },
  },
});
const OWNERS = Number(args.owners);
const FAULTS = Number(args.faults);
const KILL_AT = args["kill-at"] !== undefined ? Number(args["kill-at"]) : undefined;
if (
  !Number.isInteger(OWNERS) ||
  OWNERS < 1 ||
  !(FAULTS >= 0 && FAULTS < 1) ||
  (KILL_AT !== undefined && !(KILL_AT > 0 && KILL_AT < 1))
) {
  console.error("usage: npm run bench:dispatch [-- --owners N] [--faults 0..1] [--kill-at 0..1] [--json]");
  process.exit(2);
}

const YEAR = 2030;
const LIMIT = TEAMS_LIMITS.perSecond;
const ADMIN_UPN = "admin@bench.invalid";
const TENANT = "00000000-0000-4000-8000-0000000000be";
const id = (i: number) => String(i).padStart(5, "0");
const conversationOf = (i: number) => `a:bench-${id(i)}`;

/** Deterministic faults: the same run injects the same faults (mulberry32). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function pool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

/** The register and the chats of N owners: written straight to storage, as an import and installs would. */
async function seed(account: StorageAccount, connector: TeamsConnector): Promise<void> {
  const stores = createStores(account);
  const theme: Theme = { id: "bench", name: { fi: "Benchmark" }, order: 1 };
  const admin: Person = { id: "p-admin", upn: ADMIN_UPN, displayName: "Bench Admin", roles: ["admin"] };
  const owners: Person[] = [];
  const goals: Goal[] = [];
  for (let i = 1; i <= OWNERS; i++) {
    owners.push({
      id: `p-${id(i)}`,
      upn: `owner${id(i)}@bench.invalid`,
      displayName: `Owner ${id(i)}`,
      language: "fi",
    });
    goals.push({
      id: `g-${id(i)}`,
      year: YEAR,
      themeId: theme.id,
      title: `Tavoite ${i}`,
      text: "Synthetic goal",
      actions: [],
      indicators: [],
      recoveryIndicator: false,
      crossThemes: [],
      ownerIds: [`p-${id(i)}`],
      preparerIds: [],
      milestones: [{ id: "m1", text: "Milestone", order: 1 }],
      projects: [],
      order: i,
      active: true,
    });
  }
  await stores.register.saveRegister({ themes: [theme], people: [admin, ...owners], goals });
  const now = new Date().toISOString();
  await pool(
    owners.map((p, i) => ({ p, i: i + 1 })),
    64,
    async ({ p, i }) => {
      const record: ConversationRecord = {
        aadObjectId: `00000000-0000-4000-9000-${String(i).padStart(12, "0")}`,
        personId: p.id,
        upn: p.upn,
        name: p.displayName,
        userId: `29:bench-${id(i)}`,
        conversationId: conversationOf(i),
        serviceUrl: connector.url,
        channelId: "msteams",
        botId: "28:bench-bot",
        reachable: true,
        updatedAt: now,
      };
      connector.addConversation(record.conversationId, [record.userId]);
      await stores.conversations.save(record);
    },
  );
}

/** CPU seconds a process has used (Linux /proc); 0 once it is gone. */
function cpuSecondsOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** VmRSS / VmHWM of a running process in MB (Linux /proc). */
function memoryOf(pid: number | undefined): { rss: number; hwm: number } | undefined {
  if (!pid) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { rss: kb("VmRSS") / 1024, hwm: kb("VmHWM") / 1024 };
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) used so far by this process's children: the server and Azurite. */
function childrenCpuSeconds(): number {
  const tick = 100; // USER_HZ on Linux
  let total = 0;
  const walk = (pid: number): void => {
    let children: string[];
    try {
      children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
        .trim()
        .split(/\s+/)
        .filter(Boolean);
    } catch {
      return;
    }
    for (const c of children) {
      try {
        const fields = readFileSync(`/proc/${c}/stat`, "utf8").split(") ")[1]!.split(" ");
        total += (Number(fields[11]) + Number(fields[12])) / tick; // utime, stime
      } catch {
        /* gone */
      }
      walk(Number(c));
    }
  };
  walk(process.pid);
  return total;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "gf-bench-dispatch-"));
  let azurite: Azurite | undefined;
  let connector: TeamsConnector | undefined;
  let server: ServerProcess | undefined;
  const stopAll = async () => {
    await server?.stop();
    await connector?.stop();
    await azurite?.stop();
  };
  process.once("SIGINT", () => void stopAll().then(() => process.exit(130)));
  try {
    azurite = await startAzurite();
    connector = await startTeamsConnector();
    const prefix = "bench";
    const account = new StorageAccount({ connectionString: azurite.connectionString, prefix });
    await account.ensureTables();
    const t0 = performance.now();
    await seed(account, connector);
    const seedSeconds = (performance.now() - t0) / 1000;

    connector.enforceLimits(TEAMS_LIMITS);
    if (FAULTS > 0) {
      connector.setRandom(seeded(42));
      connector.failRandomly({ status: 429, retryAfter: 1 }, FAULTS / 2);
      // Half of the remaining share: the second rule sees only calls the first let through.
      connector.failRandomly({ status: 503 }, FAULTS / 2 / (1 - FAULTS / 2));
    }

    // The server as production runs it, one process whose RSS we can read.
    server = await ServerProcess.start(
      {
        APP_MODE: "development",
        AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
        STORAGE_PREFIX: prefix,
        SEED_DEMO_DATA: "false",
        ADMIN_UPNS: ADMIN_UPN,
        BOT_TENANT_ID: TENANT,
        TEAMS_SERVICE_URL: connector.url,
        LOG_LEVEL: "warn",
        LOG_PRETTY: "false",
        SCHEDULER_INTERVAL_SECONDS: "0",
      },
      {
        logFile: join(dir, "server.log"),
        ...(args["cpu-prof"] ? { nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${args["cpu-prof"]}`] } : {}),
      },
    );
    await sleep(3000); // let boot settle before the baseline
    const baseline = memoryOf(server.pid)!;
    let peakRss = baseline.rss;
    let peakHwm = baseline.hwm;
    const sampler = setInterval(() => {
      const m = memoryOf(server?.pid);
      if (m) {
        peakRss = Math.max(peakRss, m.rss);
        peakHwm = Math.max(peakHwm, m.hwm);
      }
    }, 250);

    const api = new ApiClient({ url: server.url, lang: "en" });
    await api.signInAs("p-admin");
    const due = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const round = await api.call(contract.rounds.create, { body: { year: YEAR, number: 1, dueAt: due } });
    const marks = connector.calls.length;
    const cpuBefore = childrenCpuSeconds();
    const serverCpuBefore = cpuSecondsOf(server.pid);
    const benchCpuBefore = process.cpuUsage();
    const openedAt = Date.now();
    await api.call(contract.rounds.open, { params: { roundId: round.id } });
    const openAnsweredMs = Date.now() - openedAt;

    const deliveries = new TableDeliveryStore(account);
    const delivered = () =>
      connector!.calls.filter((c) => (c.kind === "send" || c.kind === "reply") && c.status < 300);
    let killedAt: number | undefined;
    let killedDelivered = 0;
    let restartMs = 0;
    let rows: DeliverySummary[] = [];
    let lastCalls = 0;
    let quietSince = Date.now();
    const deadline = Date.now() + (OWNERS / LIMIT) * 4000 + 600_000;
    const progress = setInterval(() => {
      if (args.json) return;
      const n = new Set(delivered().map((c) => c.conversationId)).size;
      process.stderr.write(`\r${n}/${OWNERS} delivered, ${connector!.stats.throttled} × 429 ...   `);
    }, 2000);
    for (;;) {
      await sleep(100);
      if (Date.now() > deadline) throw new Error("the round did not settle in time");
      if (KILL_AT !== undefined && killedAt === undefined && connector.stats.accepted >= KILL_AT * OWNERS) {
        const killed = server.kill();
        killedAt = Date.now();
        killedDelivered = new Set(delivered().map((c) => c.conversationId)).size;
        await killed;
        await server.restart();
        restartMs = Date.now() - killedAt;
      }
      if (connector.calls.length !== lastCalls) {
        lastCalls = connector.calls.length;
        quietSince = Date.now();
        if (new Set(delivered().map((c) => c.conversationId)).size < OWNERS) continue;
      } else if (Date.now() - quietSince < 3000) continue;
      // Sending has paused or everyone has theirs: do the rows agree that the round is done?
      rows = await deliveries.summaries(round.id, CHECKIN_BATCH);
      if (rows.length === OWNERS && rows.every((r) => FINAL_STATES.has(r.state))) break;
      quietSince = Date.now(); // look again after another quiet spell, not on every tick
    }
    clearInterval(progress);
    clearInterval(sampler);
    // A server killed with -9 takes its CPU figures along: then this is a lower bound.
    const cpuSeconds = childrenCpuSeconds() - cpuBefore;
    const serverCpuSeconds = killedAt === undefined ? cpuSecondsOf(server.pid) - serverCpuBefore : undefined;
    const benchCpu = process.cpuUsage(benchCpuBefore);
    if (!args.json) process.stderr.write("\n");

    // --- figures ---
    const sends = delivered();
    const perConversation = new Map<string, number>();
    for (const c of sends)
      perConversation.set(c.conversationId!, (perConversation.get(c.conversationId!) ?? 0) + 1);
    const duplicates = [...perConversation.values()].reduce((n, c) => n + c - 1, 0);
    const byState = new Map<string, string[]>();
    for (const r of rows) byState.set(r.state, [...(byState.get(r.state) ?? []), r.personId]);
    const reached = (personId: string) => perConversation.has(conversationOf(Number(personId.slice(2))));
    const notReached = rows.filter((r) => !reached(r.personId));
    // Lost: no message arrived and the round does not say so (a row "sent" or silently missing).
    const lost = notReached.filter((r) => r.state === "sent").length + (OWNERS - rows.length);
    const inDoubt = byState.get("inDoubt") ?? [];
    const first = sends[0]?.at ?? openedAt;
    const last = sends.at(-1)?.at ?? openedAt;
    const sendSeconds = (last - first) / 1000;
    const rate = sends.length > 1 ? (sends.length - 1) / sendSeconds : 0;
    const totalSeconds = (last - openedAt) / 1000;
    const floor = OWNERS / LIMIT;
    const calls = connector.calls.slice(marks);
    const received429 = calls.filter((c) => c.status === 429).length;
    const received5xx = calls.filter((c) => c.status >= 500).length;
    // The connector answers 5xx only when told to: the injected faults that were not 5xx were 429s.
    const limit429 = received429 - (connector.stats.injected - received5xx);
    const figures = {
      owners: OWNERS,
      faults: FAULTS,
      killAt: KILL_AT ?? null,
      seedSeconds: round1(seedSeconds),
      openAnsweredMs,
      messagesPerSecond: round1(rate),
      percentOfLimit: round1((rate / LIMIT) * 100),
      totalSeconds: round1(totalSeconds),
      floorSeconds: floor,
      totalOverFloor: round2(totalSeconds / floor),
      delivered: perConversation.size,
      duplicates,
      lost,
      inDoubt: inDoubt.length,
      inDoubtButDelivered: inDoubt.filter(reached).length,
      failed: (byState.get("failed") ?? []).length,
      unreachable: (byState.get("unreachable") ?? []).length,
      requests: calls.filter((c) => c.kind === "send" || c.kind === "reply").length,
      received429,
      limit429,
      injected: connector.stats.injected,
      received5xx,
      killedAfterDelivered: killedAt !== undefined ? killedDelivered : null,
      restartMs: killedAt !== undefined ? restartMs : null,
      serverAndAzuriteCpuMsPerMessage: round1((cpuSeconds * 1000) / Math.max(1, perConversation.size)),
      serverCpuMsPerMessage:
        serverCpuSeconds !== undefined
          ? round1((serverCpuSeconds * 1000) / Math.max(1, perConversation.size))
          : null,
      connectorCpuMsPerMessage: round1(
        (benchCpu.user + benchCpu.system) / 1000 / Math.max(1, perConversation.size),
      ),
      baselineRssMb: round1(baseline.rss),
      peakRssMb: round1(Math.max(peakRss, peakHwm)),
      peakOverBaseline: round2(Math.max(peakRss, peakHwm) / baseline.rss),
    };
    if (args.json) {
      process.stdout.write(`${JSON.stringify(figures)}\n`);
    } else {
      const lines = [
        `owners ${OWNERS}, faults ${FAULTS}, kill -9 at ${KILL_AT ?? "-"} (seeded in ${figures.seedSeconds} s)`,
        `rate:       ${figures.messagesPerSecond} msg/s = ${figures.percentOfLimit} % of the ${LIMIT}/s limit (first to last delivery)`,
        `total:      ${figures.totalSeconds} s from open to last delivery = ${figures.totalOverFloor} × the ${floor} s floor (open answered in ${openAnsweredMs} ms)`,
        `delivered:  ${figures.delivered}, duplicates ${duplicates}, lost ${lost}, in doubt ${inDoubt.length} (of which delivered ${figures.inDoubtButDelivered}), failed ${figures.failed}, unreachable ${figures.unreachable}`,
        `requests:   ${figures.requests} sends, ${figures.received429} × 429 (${figures.limit429} from the limit, rest injected), ${figures.received5xx} × 5xx; ${figures.injected} faults injected`,
        `CPU:        ${figures.serverAndAzuriteCpuMsPerMessage} ms per message in the server and Azurite (server alone ${figures.serverCpuMsPerMessage ?? "-"}), ${figures.connectorCpuMsPerMessage} ms in this process (connector)`,
        `server RSS: ${figures.baselineRssMb} MB idle after boot, peak ${figures.peakRssMb} MB = ${figures.peakOverBaseline} × idle`,
      ];
      if (killedAt !== undefined)
        lines.push(
          `kill -9:    after ${killedDelivered} delivered; restarted and healthy in ${restartMs} ms`,
        );
      process.stdout.write(`${lines.join("\n")}\n`);
    }
  } finally {
    await stopAll();
    if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
    else console.error(`kept ${dir}`);
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
