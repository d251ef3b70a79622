import assert from "node:assert/strict";
import { prefillReport } from "../../bot/src/reporting/prefill.js";
import { saveReport } from "../../bot/src/reporting/save.js";
import type { Stores } from "../../bot/src/storage/index.js";
import { goals, people, report, round, themes } from "../support/fixtures.js";
import { freshStores } from "../support/storage.js";

const complete = {
  milestones: [
    { milestoneId: "m1", status: "done", actual: 80 },
    { milestoneId: "m2", status: "inProgress", actual: 12 },
    { milestoneId: "m3", status: "notStarted" },
  ],
  progress: 55,
  verdict: "onTrack",
  narrative: "Etenee.",
  risks: [{ risk: "Korona", mitigation: "Etätyö" }],
};

describe("saving a report (the path bot and API share)", () => {
  let stores: Stores;

  beforeEach(async () => {
    ({ stores } = await freshStores());
    await stores.register.saveRegister({ themes, people, goals });
    await stores.rounds.create(round());
  });

  it("drafts, submits and records who did what", async () => {
    const draft = await saveReport(stores, {
      roundId: "2026-1",
      subjectId: "g-digi",
      personId: "p-prep",
      action: "draft",
      input: { narrative: "Luonnos" },
    });
    assert.equal(draft.kind, "saved");
    const version = draft.kind === "saved" ? draft.report.version : undefined;
    const submitted = await saveReport(stores, {
      roundId: "2026-1",
      subjectId: "g-digi",
      personId: "p-owner",
      action: "submit",
      input: complete,
      ...(version ? { expectedVersion: version } : {}),
    });
    assert.equal(submitted.kind, "saved");
    const stored = await stores.reports.get("2026-1", "g-digi");
    assert.equal(stored?.state, "submitted");
    assert.equal(stored?.submittedBy, "p-owner");
    const events = await stores.reports.events("2026-1", "g-digi");
    assert.deepEqual(
      events.map((e) => `${e.by}:${e.action}`),
      ["p-prep:draft", "p-owner:submit"],
    );
  });

  it("does not let a preparer submit, nor an outsider draft", async () => {
    const prep = await saveReport(stores, {
      roundId: "2026-1",
      subjectId: "g-digi",
      personId: "p-prep",
      action: "submit",
      input: complete,
    });
    assert.deepEqual(prep, { kind: "forbidden", reason: "preparerCannotSubmit" });
    const other = await saveReport(stores, {
      roundId: "2026-1",
      subjectId: "g-digi",
      personId: "p-other",
      action: "draft",
      input: complete,
    });
    assert.deepEqual(other, { kind: "forbidden", reason: "notAssigned" });
    assert.equal(await stores.reports.get("2026-1", "g-digi"), undefined);
  });

  it("lets the round's substitute submit", async () => {
    const r = await stores.rounds.get("2026-1");
    await stores.rounds.update({ ...r!, substitutes: { "g-digi": "p-sub" } });
    const outcome = await saveReport(stores, {
      roundId: "2026-1",
      subjectId: "g-digi",
      personId: "p-sub",
      action: "submit",
      input: complete,
    });
    assert.equal(outcome.kind, "saved");
  });

  it("refuses a stale version with the current report, and a closed round, changing nothing", async () => {
    const first = await saveReport(stores, {
      roundId: "2026-1",
      subjectId: "g-digi",
      personId: "p-owner",
      action: "draft",
      input: { narrative: "A" },
    });
    assert.equal(first.kind, "saved");
    const stale = await saveReport(stores, {
      roundId: "2026-1",
      subjectId: "g-digi",
      personId: "p-prep",
      action: "draft",
      input: { narrative: "B" },
    });
    assert.equal(stale.kind, "conflict");
    assert.equal(stale.kind === "conflict" ? stale.current?.narrative : "", "A");
    const r = await stores.rounds.get("2026-1");
    await stores.rounds.update({ ...r!, state: "closed" });
    const closed = await saveReport(stores, {
      roundId: "2026-1",
      subjectId: "g-digi",
      personId: "p-owner",
      action: "submit",
      input: complete,
      expectedVersion: first.kind === "saved" ? first.report.version! : "",
    });
    assert.equal(closed.kind, "roundNotOpen");
    assert.equal((await stores.reports.get("2026-1", "g-digi"))?.narrative, "A");
  });

  it("returns every field error at once and saves nothing", async () => {
    const outcome = await saveReport(stores, {
      roundId: "2026-1",
      subjectId: "g-digi",
      personId: "p-owner",
      action: "submit",
      input: { ...complete, progress: 150, narrative: "" },
    });
    assert.equal(outcome.kind, "invalid");
    assert.deepEqual(outcome.kind === "invalid" ? outcome.errors.map((e) => e.field).sort() : [], [
      "narrative",
      "progress",
    ]);
    assert.equal(await stores.reports.get("2026-1", "g-digi"), undefined);
  });

  it("prefills from the previous round of the same subject, marked as copied", async () => {
    await stores.rounds.create(round({ id: "2026-2", number: 2 }));
    await stores.reports.upsertMany([report({ roundId: "2026-1", narrative: "March" })]);
    const prefill = await prefillReport(stores, (await stores.rounds.get("2026-2"))!, "g-digi");
    assert.equal(prefill.source, "copied");
    assert.equal(prefill.report?.narrative, "March");
    assert.equal(prefill.report?.copiedFromRoundId, "2026-1");
    assert.equal(prefill.report?.state, "draft");
    assert.equal(prefill.report?.version, undefined, "a copy has no version: saving it creates the report");
  });
});
