// Check-in load: N owners (default 100), each with one goal in an open round, all at once doing the
// check-in as Teams drives it — press the check-in card's button (open the form), then Submit — as
// adaptiveCard/action invokes to POST /api/messages on the real server and botbuilder adapter.
// Baseline in the same run, same server, adapter and concurrency: each owner types "help" twice
// (the bot's cheapest round trip: identify the person, answer with a card through the connector).
// Waves alternate (help, check-in, help, …), each in a round of its own; the first pair is a warm-up.
// At the end every submitted report is read back from Azurite: a lost report fails the run.
// Run: npm run bench:checkins [-- --owners 100 --waves 3]
import type { Goal, Person, Round } from "@goal-forecast/core/domain/model";
import { inputIds } from "../bot/src/cards/actions.js";
import { startTeamsConnector } from "../tests/support/teams-connector.js";
import {
  TeamsClient,
  button,
  buttons,
  cardOf,
  conversationIdOf,
  inputsOf,
  type CardJson,
} from "../tests/support/teams-client.js";
import type { ConnectorUser } from "../tests/support/teams-connector.js";
import { countOutgoing, outgoingTo, portOf } from "./lib/outgoing.js";
import { numberArg } from "./lib/args.js";
import { startBenchServer } from "./lib/server.js";
import { ms, percentile, printTable, ratio, within } from "./lib/stats.js";

const OWNERS = numberArg("owners", 100, 1, 1000);
const WAVES = numberArg("waves", 3, 1, 10);
/** No wave may take longer than this; the whole run stays within a few minutes. */
const WAVE_LIMIT_MS = 120_000;
const YEAR = 2030;
const MILESTONES = 3;

interface Owner {
  person: Person;
  user: ConnectorUser;
  /** The check-in card's "open" button of each round, taken from the card the bot sent. */
  open: Map<string, { verb?: string; data?: Record<string, unknown> }>;
}

function register(): { people: Person[]; goals: Goal[] } {
  const people: Person[] = Array.from({ length: OWNERS }, (_, i) => ({
    id: `p-owner-${i}`,
    upn: `owner.${i}@example.org`,
    displayName: `Omistaja ${i} Äänekoski`,
    language: "fi",
  }));
  const goals: Goal[] = people.map((p, i) => ({
    id: `g-bench-${i}`,
    year: YEAR,
    themeId: "t-bench",
    title: `Tavoite ${i + 1}: palveluja parannetaan`,
    text: "Palveluja parannetaan asiakaskokemuksen perusteella.",
    actions: [],
    indicators: [],
    recoveryIndicator: false,
    crossThemes: [],
    ownerIds: [p.id],
    preparerIds: [],
    milestones: Array.from({ length: MILESTONES }, (_, m) => ({
      id: `m${m + 1}`,
      text: `Välitavoite ${m + 1}`,
      order: m + 1,
      ...(m === 0 ? { target: { kind: "percent" as const, value: 80 } } : {}),
    })),
    projects: [],
    order: i + 1,
    active: true,
  }));
  return { people, goals };
}

function roundOf(number: number, goalIds: string[]): Round {
  return {
    id: `${YEAR}-${number}`,
    year: YEAR,
    number,
    name: { fi: `Ennuste ${number}/${YEAR}` },
    state: "open",
    opensAt: `${YEAR}-01-01T08:00:00.000Z`,
    dueAt: "2099-12-31T12:00:00.000Z",
    goalIds,
    reminderDays: [7, 2, 0],
    substitutes: {},
    createdAt: `${YEAR}-01-01T08:00:00.000Z`,
    createdBy: "bench",
  };
}

/** What an owner types into the form: every shown value kept, the required ones filled in. */
function filledIn(form: CardJson | undefined, i: number): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [id, input] of inputsOf(form)) if (input.value !== undefined) values[id] = String(input.value);
  for (let m = 1; m <= MILESTONES; m++) values[inputIds.status(`m${m}`)] = m === 1 ? "done" : "inProgress";
  values[inputIds.actual("m1")] = "82";
  values[inputIds.progress] = String(40 + (i % 50));
  values[inputIds.verdict] = "onTrack";
  values[inputIds.narrative] = `Etenee suunnitellusti (${i}).`;
  return values;
}

/** Runs `count` tasks at once with a limit on how many are in flight (setup only). */
async function pooled(count: number, limit: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}

interface Wave {
  /** Latency of every request, ms. */
  latencies: number[];
  wallMs: number;
  failures: string[];
  /** Calls the server made to Azurite's table service and to the connector during the wave. */
  storageCalls: number;
  connectorCalls: number;
}

/** All owners at once, each doing `flow` (which records the latency of each request it makes). */
async function wave(
  ports: { storage: number; connector: number },
  owners: Owner[],
  flow: (owner: Owner, i: number, timed: <T>(request: Promise<T>) => Promise<T>) => Promise<void>,
): Promise<Wave> {
  const latencies: number[] = [];
  const failures: string[] = [];
  const timed = async <T>(request: Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const value = await request;
    latencies.push(performance.now() - t0);
    return value;
  };
  const storage0 = outgoingTo(ports.storage);
  const connector0 = outgoingTo(ports.connector);
  const t0 = performance.now();
  await within(
    WAVE_LIMIT_MS,
    "a wave",
    Promise.all(
      owners.map((o, i) =>
        flow(o, i, timed).catch((e: unknown) => void failures.push(`${o.person.id}: ${String(e)}`)),
      ),
    ),
  );
  return {
    latencies,
    wallMs: performance.now() - t0,
    failures,
    storageCalls: outgoingTo(ports.storage) - storage0,
    connectorCalls: outgoingTo(ports.connector) - connector0,
  };
}

async function main(): Promise<void> {
  countOutgoing();
  const connector = await startTeamsConnector();
  const server = await startBenchServer({ SEED_DEMO_DATA: "false" });
  const { app } = server;
  try {
    const teams = new TeamsClient(app.url, connector);
    const ports = { storage: server.tablePort, connector: portOf(connector.url) };
    const { people, goals } = register();
    await app.stores.register.saveRegister({
      themes: [{ id: "t-bench", name: { fi: "Teema" }, order: 1 }],
      people,
      goals,
    });
    // Round 1 is the warm-up's; each measured check-in wave has a round of its own.
    const rounds = Array.from({ length: WAVES + 1 }, (_, w) =>
      roundOf(
        w + 1,
        goals.map((g) => g.id),
      ),
    );
    for (const round of rounds) await app.stores.rounds.create(round);

    const owners: Owner[] = people.map((person, i) => ({
      person,
      user: teams.user({ key: `owner-${i}`, upn: person.upn, name: person.displayName }),
      open: new Map(),
    }));
    await pooled(owners.length, 10, (i) => teams.install(owners[i]!.user));
    for (const round of rounds) {
      await pooled(owners.length, 10, async (i) => {
        const owner = owners[i]!;
        const request = { roundId: round.id, personId: owner.person.id, kind: "checkin" as const };
        // Setup, not measured: a send that timed out on a busy machine is simply tried again (3 times at most).
        let outcome = await app.sendNow(request);
        for (let attempt = 1; attempt < 3 && outcome.kind === "transient"; attempt++)
          outcome = await app.sendNow(request);
        if (outcome.kind !== "sent") throw new Error(`check-in to ${owner.person.id}: ${outcome.kind}`);
        const card = cardOf(connector.activitiesIn(conversationIdOf(owner.user)).at(-1));
        const open = buttons(card).find((b) => b.verb === "open");
        if (!open) throw new Error(`no open button on ${owner.person.id}'s check-in`);
        owner.open.set(round.id, open);
      });
    }

    const help = (): Promise<Wave> =>
      wave(ports, owners, async (owner, _i, timed) => {
        for (let n = 0; n < 2; n++) {
          const res = await timed(
            teams.post(teams.activity(owner.user, { type: "message", text: "help", locale: "fi-FI" })),
          );
          if (res.status !== 200) throw new Error(`help answered ${res.status}`);
        }
      });
    const checkin = (roundId: string): Promise<Wave> =>
      wave(ports, owners, async (owner, i, timed) => {
        const form = await timed(teams.press(owner.user, owner.open.get(roundId)!));
        if (form.status !== 200 || !form.card) throw new Error(`open answered ${form.status}`);
        const done = await timed(
          teams.press(owner.user, button(form.card, "submit"), filledIn(form.card, i)),
        );
        if (done.status !== 200 || !done.card) throw new Error(`submit answered ${done.status}`);
        if (buttons(done.card).some((b) => b.verb === "submit"))
          throw new Error("the form came back instead of the summary");
      });

    const helpReplies = (): number => connector.callsOf("reply").filter((c) => c.status < 300).length;
    await help();
    await checkin(rounds[0]!.id);
    const helpWaves: Wave[] = [];
    const checkinWaves: Wave[] = [];
    for (let w = 1; w <= WAVES; w++) {
      const repliesBefore = helpReplies();
      const h = await help();
      const replied = helpReplies() - repliesBefore;
      if (replied !== OWNERS * 2) h.failures.push(`${OWNERS * 2 - replied} help replies missing`);
      helpWaves.push(h);
      checkinWaves.push(await checkin(rounds[w]!.id));
    }

    // Every report of every wave (the warm-up's too) must be stored, submitted, by its owner.
    const lost: string[] = [];
    for (const round of rounds) {
      const stored = await app.stores.reports.listByRound(round.id);
      const bySubject = new Map(stored.map((r) => [r.subjectId, r]));
      for (const g of goals) {
        const r = bySubject.get(g.id);
        if (r?.state !== "submitted" || r.submittedBy !== g.ownerIds[0]) lost.push(`${round.id}/${g.id}`);
      }
    }

    const all = (waves: Wave[]) => ({
      latencies: waves.flatMap((w) => w.latencies),
      requests: waves.reduce((n, w) => n + w.latencies.length, 0),
      wallMs: waves.reduce((n, w) => n + w.wallMs, 0),
      failures: waves.flatMap((w) => w.failures),
      storageCalls: waves.reduce((n, w) => n + w.storageCalls, 0),
      connectorCalls: waves.reduce((n, w) => n + w.connectorCalls, 0),
    });
    const base = all(helpWaves);
    const load = all(checkinWaves);
    const rps = (x: typeof base) => (x.requests / x.wallMs) * 1000;
    const row = (name: string, x: typeof base): string[] => [
      name,
      String(x.requests),
      ms(percentile(x.latencies, 50)),
      ms(percentile(x.latencies, 95)),
      ms(percentile(x.latencies, 99)),
      rps(x).toFixed(0),
      (x.storageCalls / x.requests).toFixed(1),
      (x.connectorCalls / x.requests).toFixed(1),
      String(x.failures.length),
    ];
    console.log(
      `\n${OWNERS} owners at once, ${WAVES} waves each (after a warm-up) · node ${process.version}\n`,
    );
    printTable(
      [
        "requests (2 per owner per wave)",
        "n",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "req/s",
        "storage calls/req",
        "connector calls/req",
        "failed",
      ],
      [row('"help" message ×2 (baseline)', base), row("check-in: open form → submit", load)],
    );
    console.log(
      `\ncheck-in ÷ baseline: p50 ${ratio(percentile(load.latencies, 50), percentile(base.latencies, 50))}, ` +
        `p95 ${ratio(percentile(load.latencies, 95), percentile(base.latencies, 95))}, ` +
        `p99 ${ratio(percentile(load.latencies, 99), percentile(base.latencies, 99))}, ` +
        `throughput ${ratio(rps(load), rps(base))}`,
    );
    const failures = [...base.failures, ...load.failures];
    if (failures.length > 0)
      console.log(`\nFAILED REQUESTS (${failures.length}):\n${failures.slice(0, 10).join("\n")}`);
    if (lost.length > 0) {
      console.log(
        `\nDATA LOST: ${lost.length} of ${rounds.length * OWNERS} reports not stored as submitted:`,
      );
      console.log(lost.slice(0, 20).join("\n"));
      process.exitCode = 1;
    } else {
      console.log(
        `\nall ${rounds.length * OWNERS} submitted reports are stored (${rounds.length} rounds × ${OWNERS})`,
      );
    }
    if (failures.length > 0) process.exitCode = 1;
  } finally {
    await server.stop();
    await connector.stop();
  }
}

await main();
