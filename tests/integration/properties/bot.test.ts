// Generated adaptiveCard/action invokes at /api/messages, as a buggy client or a hand-made request
// would send them: the verbs of the cards (bot/src/cards/actions.ts) with generated data and input
// values, unknown verbs and garbage. Never a 5xx; always a card or a 4xx; and what is stored changes
// only when the card says it was saved (never for someone who may not report on the goal).
import assert from "node:assert/strict";
import fc from "fast-check";
import { inputIds, VERBS } from "../../../bot/src/cards/actions.js";
import { TABLES } from "../../../bot/src/storage/client.js";
import type { TestApp } from "../../support/app.js";
import { startDraftWorld, type DraftWorld } from "../../support/draft-world.js";
import { DANGEROUS_KEYS, described, hostileText, hostileValue } from "../../support/hostile-input.js";
import { tableContents } from "../../support/storage.js";
import type { TeamsClient } from "../../support/teams-client.js";
import { textOf } from "../../support/teams-client.js";
import type { ConnectorUser } from "../../support/teams-connector.js";

/** What a card action may change; conversations are left out (the bot records where people are). */
const RECORDS = [TABLES.reports, TABLES.reportEvents, TABLES.rounds, TABLES.register];
const SAVED = /Luonnos tallennettu\.|Kiitos! Raporttisi on lähetetty\./;

const INPUT_KEYS = [
  inputIds.status("m1"),
  inputIds.actual("m1"),
  inputIds.note("m1"),
  inputIds.status("m2"),
  inputIds.actual("m2"),
  inputIds.status("m3"),
  inputIds.progress,
  inputIds.verdict,
  inputIds.narrative,
  inputIds.risk(0),
  inputIds.mitigation(0),
  inputIds.risk(7),
];

/** Mostly what a card sends, sometimes anything else: so generated actions reach the handlers too. */
const mostly = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 20, arbitrary: good }, { weight: 1, arbitrary: bad });

const value = mostly(
  fc.oneof(
    fc.constantFrom(
      "done",
      "inProgress",
      "notStarted",
      "onTrack",
      "atRisk",
      "offTrack",
      "50",
      "100",
      "-1",
      "1e3",
    ),
    hostileText(60_000),
  ),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Card data: mostly what the cards send, with any field replaced by something else. */
const cardData = (version: string) =>
  fc.record(
    {
      gf: mostly(fc.constant(1), fc.jsonValue({ maxDepth: 1 })),
      view: mostly(fc.constantFrom("list", "form", "summary"), hostileText(500)),
      roundId: mostly(fc.constantFrom("2026-1", "2026-1", "1999-9"), hostileText(500)),
      subjectId: mostly(fc.constantFrom("g-digi", "g-digi", "g-move-seniors", "g-nope"), hostileText(500)),
      version: mostly(fc.constant(version), fc.oneof(hostileText(500), fc.jsonValue({ maxDepth: 1 }))),
      rows: mostly(fc.integer({ min: 0, max: 5 }), fc.oneof(fc.integer(), fc.jsonValue({ maxDepth: 1 }))),
      index: mostly(fc.integer({ min: 0, max: 5 }), fc.oneof(fc.integer(), fc.jsonValue({ maxDepth: 1 }))),
      editing: mostly(fc.boolean(), fc.jsonValue({ maxDepth: 1 })),
    },
    { requiredKeys: ["gf", "view", "roundId"] },
  );

const inputs = fc.dictionary(
  fc.oneof(fc.constantFrom(...INPUT_KEYS), fc.constantFrom(...DANGEROUS_KEYS), fc.string({ maxLength: 12 })),
  value,
  { maxKeys: 14 },
);

/** The invoke's value: a card action (ours, or with garbage in any part), or any JSON at all. */
const invokeValue = (version: string): fc.Arbitrary<unknown> =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .record({
          type: mostly(fc.constant("Action.Execute"), fc.constantFrom("Action.Submit", "", "x")),
          verb: mostly(fc.constantFrom(...VERBS), fc.oneof(hostileText(500), fc.jsonValue({ maxDepth: 1 }))),
          data: mostly(
            fc.tuple(cardData(version), inputs).map(([d, i]) => ({ ...i, ...d })),
            hostileValue(INPUT_KEYS),
          ),
        })
        .map((action) => ({ action, trigger: "manual" })),
    },
    { weight: 1, arbitrary: hostileValue(["action", "trigger"]) },
  );

describe("bad input properties: card actions at the bot", function () {
  this.timeout(120_000);
  let app: TestApp;
  let teams: TeamsClient;
  let owner: ConnectorUser;
  let outsider: ConnectorUser;
  let version: string;

  let world: DraftWorld;

  before(async () => {
    world = await startDraftWorld({ DISPATCH_WORKERS: "0" });
    ({ app, teams, owner, outsider } = world);
    version = (await app.stores.reports.get("2026-1", "g-digi"))?.version ?? "";
    assert.ok(version, "the stored draft has a version");
    // First contact links the Teams user to the register person (a write): done before the baseline.
    for (const user of [owner, outsider]) assert.equal((await teams.say(user, "ohje")).status, 200);
  });

  after(async () => {
    await world?.close();
  });

  for (const who of ["owner", "outsider"] as const) {
    it(`${who}: never a 5xx, a card or a 4xx, and storage changes only with a card saying it saved`, async () => {
      const user = who === "owner" ? owner : outsider;
      let before = await tableContents(app.account, { versions: true, tables: RECORDS });
      await fc.assert(
        fc.asyncProperty(
          invokeValue(version).map((v) => described({ v })),
          async ({ v }) => {
            const answer = await teams.invoke(user, v);
            assert.ok(answer.status < 500, `answered ${answer.status}`);
            if (answer.status === 200) assert.ok(answer.card, "a 200 carries a card");
            else assert.ok(answer.status >= 400, `answered ${answer.status}`);
            const after = await tableContents(app.account, { versions: true, tables: RECORDS });
            const saved = answer.card !== undefined && SAVED.test(textOf(answer.card));
            if (!saved || who === "outsider") assert.deepEqual(after, before, "refused, yet storage changed");
            before = after;
          },
        ),
        { numRuns: 150, endOnFailure: true },
      );
      // Still answering people.
      assert.equal((await teams.say(owner, "ohje")).status, 200);
    });
  }
});
