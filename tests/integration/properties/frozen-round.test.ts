// Freeze means frozen. Every write route of the contract (core/src/contract, non-GET) and the bot's
// card actions are driven with generated, well-formed requests aimed at a frozen round — its state,
// its reports, its substitutes, the goals it was reported on, a history or register file that would
// rewrite it, an import staged before the freeze — by people who could otherwise make them (admins,
// the subject's owner). Every answer is a 4xx with a sentence saying what is wrong, and no table
// changes (etags included). A new write route fails the first test until it is placed here.
import assert from "node:assert/strict";
import fc from "fast-check";
import { ENDPOINTS } from "@goal-forecast/core/contract";
import type { Goal, Report, Round } from "@goal-forecast/core/domain/model";
import { subjectsOfRound } from "@goal-forecast/core/domain/subjects";
import { translator } from "@goal-forecast/core/i18n";
import { inputIds, VERBS } from "../../../bot/src/cards/actions.js";
import { TABLES } from "../../../bot/src/storage/client.js";
import { TableImportJournal } from "../../../bot/src/storage/imports.js";
import { startTestApp, type TestApp } from "../../support/app.js";
import { DEMO, DEMO_ADMIN } from "../../support/demo-round.js";
import { startDraftWorld, type DraftWorld } from "../../support/draft-world.js";
import { completeDigiInputs } from "../../support/fixtures.js";
import { described } from "../../support/hostile-input.js";
import { tableContents } from "../../support/storage.js";
import { textOf } from "../../support/teams-client.js";

const FROZEN = "2021-1";
const round = DEMO.history.rounds.find((r) => r.id === FROZEN) as Round;
const goals = DEMO.register.goals.filter((g) => round.goalIds.includes(g.id));
const subjects = subjectsOfRound(round, goals);
const reports = DEMO.history.reports.filter((r) => r.roundId === FROZEN) as Report[];
const FUTURE = "2099-06-30T13:00:00.000Z";
const LANGS = ["fi", "sv", "en"] as const;

interface Request {
  method: string;
  path: string;
  /** Who sends it: an admin, or the subject's owner for a report. */
  as: string;
  json?: unknown;
  contentType?: string;
}

/** Changes to a goal's reported content: wording, subjects, milestones. */
const goalEdit: fc.Arbitrary<Goal> = fc
  .tuple(
    fc.constantFrom(...goals),
    fc.constantFrom("title", "text", "milestoneText", "dropMilestone", "addMilestone", "projectTitle"),
  )
  .map(([goal, how]) => {
    const g = structuredClone(goal);
    const target = g.projects[0] ?? g;
    if (how === "title") g.title += " (muutettu)";
    else if (how === "text") g.text = `${g.text} Lisäys jälkikäteen.`;
    else if (how === "projectTitle" && g.projects[0]) g.projects[0].title += " (uusi)";
    else if (how === "dropMilestone" && target.milestones.length > 0) target.milestones.pop();
    else if (how === "milestoneText" && target.milestones[0]) target.milestones[0].text += " (tarkennettu)";
    else target.milestones.push({ id: "m-jalkikateen", text: "Lisätty jälkikäteen", order: 99 });
    return g;
  });

/** A stored report of the frozen round, changed as a file or an owner would change it. */
const reportEdit: fc.Arbitrary<Report> = fc
  .tuple(fc.constantFrom(...reports), fc.constantFrom("narrative", "verdict", "progress", "author"))
  .map(([report, how]) => {
    const r = structuredClone(report);
    if (how === "narrative") r.narrative = "Kirjoitettu uudelleen jälkikäteen.";
    else if (how === "verdict") r.verdict = r.verdict === "achieved" ? "notAchieved" : "achieved";
    else if (how === "progress") r.progress = r.progress === 100 ? 10 : 100;
    else r.submittedBy = DEMO_ADMIN;
    return r;
  });

const ownerOf = (subjectId: string): string =>
  subjects.find((s) => s.id === subjectId)?.ownerIds[0] ?? DEMO_ADMIN;
const admin = (r: Omit<Request, "as">): Request => ({ ...r, as: DEMO_ADMIN });
const lang = fc.constantFrom(...LANGS);

/** Requests at the frozen round, per write route of the contract. */
const AT_FROZEN_ROUND: Record<string, fc.Arbitrary<Request>> = {
  createRound: fc
    .record({ dueAt: fc.constant(FUTURE), goalIds: fc.subarray(round.goalIds, { minLength: 1 }) })
    .map((b) => admin({ method: "POST", path: "/api/rounds", json: { year: 2021, number: 1, ...b } })),
  ...Object.fromEntries(
    (["open", "close", "reopen", "freeze"] as const).map((action) => [
      `${action}Round`,
      fc
        .option(fc.record({ reason: fc.string({ maxLength: 40 }) }), { nil: undefined })
        .map((json) => admin({ method: "POST", path: `/api/rounds/${FROZEN}/${action}`, json })),
    ]),
  ),
  remindRound: fc.constant(admin({ method: "POST", path: `/api/rounds/${FROZEN}/remind` })),
  extendRound: fc
    .date({ min: new Date("2030-01-01"), max: new Date("2099-01-01"), noInvalidDate: true })
    .map((d) =>
      admin({ method: "POST", path: `/api/rounds/${FROZEN}/extend`, json: { dueAt: d.toISOString() } }),
    ),
  resendRound: fc
    .option(fc.record({ states: fc.subarray(["failed", "unreachable"], { minLength: 1 }) }), {
      nil: undefined,
    })
    .map((json) => admin({ method: "POST", path: `/api/rounds/${FROZEN}/resend`, json })),
  setSubstitute: fc
    .tuple(fc.constantFrom(...subjects), fc.constantFrom<string | null>(DEMO_ADMIN, "p-aino-aaltonen", null))
    .map(([s, personId]) =>
      admin({ method: "PUT", path: `/api/rounds/${FROZEN}/substitutes/${s.id}`, json: { personId } }),
    ),
  saveReport: fc
    .tuple(reportEdit, fc.constantFrom("draft", "submit"), fc.boolean())
    .map(([r, action, withVersion]) => ({
      method: "PUT",
      path: `/api/rounds/${FROZEN}/reports/${r.subjectId}`,
      as: ownerOf(r.subjectId),
      json: {
        action,
        report: {
          milestones: r.milestones,
          progress: r.progress,
          verdict: r.verdict,
          narrative: r.narrative,
          risks: r.risks,
        },
        ...(withVersion ? { expectedVersion: "W/\"datetime'2021-04-01T00%3A00%3A00Z'\"" } : {}),
      },
    })),
  saveGoal: goalEdit.map((g) => admin({ method: "PUT", path: `/api/goals/${g.id}`, json: g })),
  importRegister: goalEdit.map((g) =>
    admin({
      method: "POST",
      path: "/api/admin/import/register?format=json",
      json: { goals: [g] },
      contentType: "application/json",
    }),
  ),
  importHistory: fc
    .oneof(
      // The bypass this test was written for: "state": "closed" would unfreeze the round.
      fc.constantFrom("closed", "frozen").map((state) => ({
        rounds: [{ ...round, state, name: { ...round.name, fi: `${round.name.fi} (korjattu)` } }],
        reports: [],
      })),
      fc.constant({ rounds: [{ ...round, state: "closed" }], reports: [] }),
      reportEdit.map((r) => ({ rounds: [], reports: [r] })),
      reportEdit.map((r) => ({ rounds: [round], reports: [r] })),
    )
    .map((json) =>
      admin({ method: "POST", path: "/api/admin/import/history", json, contentType: "application/json" }),
    ),
};

/** Write routes that cannot touch a round, and why. */
const OUTSIDE_ANY_ROUND: Record<string, string> = {
  devToken: "issues a development token; writes nothing",
  createPerson: "people are not a round's content (a report keeps who submitted it)",
  savePerson: "as createPerson",
  resumeImports: "driven below with an import staged before the freeze",
  sendFeedback: "accessibility feedback on the service; nothing of a round",
  prepareRoundReach: "installs the app for people and keeps where Teams reaches them; nothing of the round",
  botMessages: "the bot's card actions are driven in their own suite below",
};

describe("frozen round: no write path changes it", function () {
  this.timeout(180_000);
  let app: TestApp;
  const tokens = new Map<string, string>();

  before(async () => {
    // No dispatch workers: their heartbeats would write to storage while the test compares it.
    app = await startTestApp({ DISPATCH_WORKERS: "0" });
    assert.equal((await app.stores.rounds.get(FROZEN))?.state, "frozen", "the demo round is frozen");
  });
  after(async () => app?.close());

  async function send(r: Request, language: string): Promise<{ status: number; body: unknown }> {
    let token = tokens.get(r.as);
    if (!token) tokens.set(r.as, (token = await app.tokenFor(r.as)));
    const sep = r.path.includes("?") ? "&" : "?";
    const res = await fetch(`${app.url}${r.path}${sep}lang=${language}`, {
      method: r.method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(r.json !== undefined ? { "content-type": r.contentType ?? "application/json" } : {}),
      },
      ...(r.json !== undefined ? { body: JSON.stringify(r.json) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }

  it("every write route of the contract is either aimed at the frozen round here or has a reason not to be", () => {
    const writes = ENDPOINTS.filter((e) => e.method !== "get").map((e) => e.name);
    const placed = new Set([...Object.keys(AT_FROZEN_ROUND), ...Object.keys(OUTSIDE_ANY_ROUND)]);
    assert.deepEqual(
      writes.filter((n) => !placed.has(n)),
      [],
      "write routes this test does not drive",
    );
  });

  for (const [name, requests] of Object.entries(AT_FROZEN_ROUND)) {
    it(`${name}: refused with a clear 4xx, every table unchanged`, async () => {
      const before = await tableContents(app.account, { versions: true });
      await fc.assert(
        fc.asyncProperty(
          requests.map((r) => described(r)),
          lang,
          async (r, language) => {
            const res = await send(r, language);
            assert.ok(
              res.status >= 400 && res.status < 500,
              `${r.method} ${r.path} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`,
            );
            const message = (res.body as { error?: { message?: unknown } }).error?.message;
            assert.equal(typeof message, "string");
            const t = translator(language);
            // Clear: says what is wrong, not the generic "someone else changed this" or "bad request".
            assert.notEqual(message, t("error.conflict"), `${name}: the concurrency message`);
            assert.notEqual(message, t("error.badRequest"), `${name}: the generic message`);
            await app.rounds.runner.idle();
            assert.deepEqual(
              await tableContents(app.account, { versions: true }),
              before,
              `${r.method} ${r.path} changed storage`,
            );
          },
        ),
        { numRuns: 12, endOnFailure: true },
      );
    });
  }

  it("an import staged before the round was frozen does not change it when rolled forward", async () => {
    const journal = new TableImportJournal(app.account);
    const records = [TABLES.rounds, TABLES.reports, TABLES.reportEvents, TABLES.register, TABLES.audit];
    await fc.assert(
      fc.asyncProperty(reportEdit, goalEdit, fc.integer({ min: 0, max: 1e9 }), async (report, goal, n) => {
        await journal.stage(
          {
            id: `20210401000000-${n.toString(16)}`,
            kind: "history",
            at: new Date().toISOString(),
            by: DEMO_ADMIN,
            counts: {},
          },
          { rounds: [{ ...round, state: "closed" }], reports: [report], goals: [goal] },
        );
        const before = await tableContents(app.account, { versions: true, tables: records });
        const res = await send(admin({ method: "POST", path: "/api/admin/import/resume" }), "en");
        assert.equal(res.status, 200);
        assert.deepEqual(await journal.pending(), [], "the journal is completed");
        assert.deepEqual(await tableContents(app.account, { versions: true, tables: records }), before);
      }),
      { numRuns: 6, endOnFailure: true },
    );
    assert.equal((await app.stores.rounds.get(FROZEN))?.state, "frozen");
  });

  it("the scheduler's tick leaves a frozen round alone", async () => {
    const records = [TABLES.rounds, TABLES.reports, TABLES.reportEvents, TABLES.deliveries, TABLES.audit];
    const before = await tableContents(app.account, { versions: true, tables: records });
    await app.rounds.scheduler.tick(new Date("2021-03-29T09:00:00.000Z"));
    await app.rounds.scheduler.tick();
    await app.rounds.runner.idle();
    assert.deepEqual(await tableContents(app.account, { versions: true, tables: records }), before);
  });
});

describe("frozen round: the bot's card actions change nothing", function () {
  this.timeout(120_000);
  let world: DraftWorld;
  let version: string;
  const records = Object.values(TABLES).filter((t) => t !== TABLES.conversations && t !== TABLES.leases);

  before(async () => {
    world = await startDraftWorld({ DISPATCH_WORKERS: "0" });
    const { app, teams, owner } = world;
    version = (await app.stores.reports.get("2026-1", "g-digi"))?.version ?? "";
    await app.rounds.service.act("2026-1", "close", "p-admin");
    await app.rounds.service.act("2026-1", "freeze", "p-admin");
    // First contact links the Teams user to the register person (a write): done before the baseline.
    assert.equal((await teams.say(owner, "ohje")).status, 200);
  });
  after(async () => world?.close());

  it("the owner's every card action on the frozen round answers a card and stores nothing", async () => {
    const { app, teams, owner } = world;
    const before = await tableContents(app.account, { versions: true, tables: records });
    const closed = translator("fi")("bot:closed.noChanges");
    await fc.assert(
      fc.asyncProperty(
        fc
          .record({
            verb: fc.constantFrom(...VERBS),
            subjectId: fc.constantFrom("g-digi", "g-move-seniors"),
            view: fc.constantFrom("form", "summary", "list"),
            withVersion: fc.boolean(),
            narrative: fc.string({ minLength: 1, maxLength: 40 }),
          })
          .map((a) => described(a)),
        async ({ verb, subjectId, view, withVersion, narrative }) => {
          const data = {
            ...completeDigiInputs,
            [inputIds.narrative]: narrative,
            gf: 1,
            view,
            roundId: "2026-1",
            subjectId,
            ...(withVersion ? { version } : {}),
          };
          const answer = await teams.invoke(owner, {
            action: { type: "Action.Execute", verb, data },
            trigger: "manual",
          });
          assert.ok(
            answer.status === 200 || (answer.status >= 400 && answer.status < 500),
            `answered ${answer.status}`,
          );
          if (answer.status === 200) {
            assert.ok(answer.card, "a 200 carries a card");
            const text = textOf(answer.card);
            assert.doesNotMatch(text, /Luonnos tallennettu\.|Kiitos! Raporttisi on lähetetty\./);
            if (verb === "saveDraft" || verb === "submit")
              assert.ok(
                text.includes("suljettu") || text.includes(closed),
                `says the round is closed: ${text.slice(0, 300)}`,
              );
          }
          assert.deepEqual(await tableContents(app.account, { versions: true, tables: records }), before);
        },
      ),
      { numRuns: 60, endOnFailure: true },
    );
  });
});
