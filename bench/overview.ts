// Round overview at scale: 1,000 goals (copied demo goals, ~1,600 subjects) × 8 rounds of reports in
// Azurite; GET /api/rounds/:id/overview of the newest round, as a manager with a development token,
// against baselines measured in the same run on the same Azurite:
//   - raw read: @azure/data-tables listing the round's partition of the reports table;
//   - raw read of everything the overview reads (both rounds' report partitions and the year's goals);
//   - buildOverview() on data already in memory (the computation alone), and roundOverview() called in
//     the server's process (reads + computation, without HTTP, auth and JSON).
// Repetitions alternate between the variants; medians, min and max.
// Run: npm run bench:overview [-- --goals 1000 --rounds 8 --reps 7]
import { TableClient } from "@azure/data-tables";
import { TABLES } from "../bot/src/storage/client.js";
import { subjectsOfRound } from "@goal-forecast/core/domain/subjects";
import { buildOverview, roundOverview } from "../bot/src/reporting/overview.js";
import { writeBigHistory } from "./lib/big-history.js";
import { countOutgoing, outgoingTo } from "./lib/outgoing.js";
import { numberArg } from "./lib/args.js";
import { startBenchServer } from "./lib/server.js";
import { ms, printTable, ratio, spread, within } from "./lib/stats.js";

const GOALS = numberArg("goals", 1000, 1, 5000);
const ROUNDS = numberArg("rounds", 8, 2, 20);
const REPS = numberArg("reps", 7, 1, 50);
const MANAGER = "p-jari-toivonen";

async function main(): Promise<void> {
  countOutgoing();
  const server = await startBenchServer({ SEED_DEMO_DATA: "true" });
  const { app } = server;
  try {
    const history = await writeBigHistory(app.stores, GOALS, ROUNDS);
    const { last } = history;
    const previous = history.rounds.at(-2)!;
    const token = await app.tokenFor(MANAGER);
    const manager = (await app.stores.register.person(MANAGER))!;
    const viewer = { personId: manager.id, roles: new Set(manager.roles ?? []) };
    const client = (name: string): TableClient =>
      TableClient.fromConnectionString(server.connectionString, app.account.tableName(name), {
        allowInsecureConnection: true,
      });
    const reportsTable = client(TABLES.reports);
    const registerTable = client(TABLES.register);
    const partition = async (table: TableClient, filter: string): Promise<number> => {
      let n = 0;
      for await (const _ of table.listEntities({ queryOptions: { filter } })) n += 1;
      return n;
    };

    // The overview's own computation, on data already read (what is left once storage is excluded).
    const [register, reports, previousReports] = await Promise.all([
      app.stores.register.load(last.year),
      app.stores.reports.listByRound(last.id),
      app.stores.reports.listByRound(previous.id),
    ]);
    const subjects = subjectsOfRound(last, register.goals);

    let bytes = 0;
    const variants: [string, () => Promise<unknown>][] = [
      ["raw read: the round's partition", () => partition(reportsTable, `PartitionKey eq '${last.id}'`)],
      [
        "raw read: both rounds + the year's goals",
        () =>
          Promise.all([
            partition(reportsTable, `PartitionKey eq '${last.id}'`),
            partition(reportsTable, `PartitionKey eq '${previous.id}'`),
            partition(registerTable, `PartitionKey eq 'goal' and year eq ${last.year}`),
          ]),
      ],
      [
        "buildOverview() alone, data in memory",
        async () => buildOverview(viewer, last, previous, subjects, reports, previousReports, register),
      ],
      ["roundOverview() in process", () => roundOverview(app.stores, last.id, viewer)],
      [
        "GET /api/rounds/:id/overview",
        async () => {
          const res = await fetch(`${app.url}/api/rounds/${last.id}/overview`, {
            headers: { authorization: `Bearer ${token}` },
          });
          const text = await res.text();
          if (res.status !== 200) throw new Error(`overview answered ${res.status}: ${text.slice(0, 200)}`);
          bytes = text.length;
        },
      ],
    ];
    const times = variants.map(() => [] as number[]);
    const storageCalls = variants.map(() => 0);
    for (let rep = 0; rep <= REPS; rep++) {
      for (const [i, [name, run]] of variants.entries()) {
        const calls0 = outgoingTo(server.tablePort);
        const t0 = performance.now();
        await within(60_000, name, run());
        // Repetition 0 warms up connections, caches and the JIT; it is not counted.
        if (rep > 0) {
          times[i]!.push(performance.now() - t0);
          storageCalls[i] = outgoingTo(server.tablePort) - calls0;
        }
      }
    }
    const overview = await roundOverview(app.stores, last.id, viewer);
    const shown = overview?.summary.themes.reduce((n, t) => n + t.subjects.length, 0) ?? 0;
    if (shown !== history.subjects)
      console.log(`\nWRONG OVERVIEW: ${shown} subjects shown of ${history.subjects}`);

    console.log(
      `\n${GOALS} goals, ${history.subjects} subjects × ${ROUNDS} rounds; overview of ${last.id} ` +
        `(${(bytes / 1024).toFixed(0)} KB JSON) as a manager; ${REPS} repetitions · node ${process.version}\n`,
    );
    const base = spread(times[0]!).median;
    printTable(
      ["read", "median ms", "min ms", "max ms", "storage calls", "× raw partition read"],
      variants.map(([name], i) => {
        const s = spread(times[i]!);
        return [name, ms(s.median), ms(s.min), ms(s.max), String(storageCalls[i]), ratio(s.median, base)];
      }),
    );
  } finally {
    await server.stop();
  }
}

await main();
