import assert from "node:assert/strict";
import { ConflictError } from "../../bot/src/storage/errors.js";
import type { Stores } from "../../bot/src/storage/index.js";
import { goals, people, report, round, themes } from "../support/fixtures.js";
import { freshStores } from "../support/storage.js";

describe("storage on Azurite", () => {
  let stores: Stores;

  beforeEach(async () => {
    ({ stores } = await freshStores());
    await stores.register.saveRegister({ themes, people, goals });
  });

  it("keeps the register: goals by year, people by id, UPN and AAD object id", async () => {
    assert.deepEqual(
      (await stores.register.goals(2026)).map((g) => g.id),
      ["g-digi", "g-move"],
    );
    assert.deepEqual(await stores.register.goals(2019), []);
    assert.equal((await stores.register.goal("g-move"))?.projects.length, 2);
    assert.equal((await stores.register.personByUpn("OWNER@example.org"))?.id, "p-owner");
    await stores.register.savePerson({ ...people[0]!, aadObjectId: "AAD-1" });
    assert.equal((await stores.register.personByAadObjectId("aad-1"))?.id, "p-owner");
    assert.equal(await stores.register.personByAadObjectId("nobody"), undefined);
    assert.deepEqual(
      (await stores.register.themes()).map((t) => t.id),
      ["toimivin", "palvelut"],
    );
  });

  it("lets one of two concurrent updates of a report win and refuses the other with a conflict", async () => {
    const created = await stores.reports.save(report({ state: "draft" }));
    assert.ok(created.version);
    const results = await Promise.allSettled([
      stores.reports.save({ ...created, narrative: "first" }),
      stores.reports.save({ ...created, narrative: "second" }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    assert.equal(won.length, 1);
    assert.equal(lost.length, 1);
    assert.ok(lost[0]!.reason instanceof ConflictError);
    const stored = await stores.reports.get("2026-1", "g-digi");
    assert.equal(
      stored?.narrative,
      (won[0] as PromiseFulfilledResult<{ narrative: string }>).value.narrative,
    );
    assert.equal(
      ((lost[0]!.reason as ConflictError).current as { narrative: string } | undefined)?.narrative,
      stored?.narrative,
      "the conflict carries what is stored now",
    );
  });

  it("refuses to create a report that exists (a stale 'new' form never overwrites)", async () => {
    await stores.reports.save(report());
    await assert.rejects(stores.reports.save(report({ narrative: "overwrite?" })), ConflictError);
    assert.equal((await stores.reports.get("2026-1", "g-digi"))?.narrative, "Etenee.");
  });

  it("stores reports larger than one table property (long texts are chunked)", async () => {
    const long = "ä".repeat(3000);
    const risks = Array.from({ length: 8 }, (_, i) => ({
      risk: `${i} ${"r".repeat(1490)}`,
      mitigation: "m".repeat(1000),
    }));
    const saved = await stores.reports.save(report({ narrative: long, risks }));
    const back = await stores.reports.get("2026-1", "g-digi");
    assert.equal(back?.narrative, long);
    assert.deepEqual(back?.risks, risks);
    assert.equal(back?.version, saved.version);
  });

  it("reads everything of one round and one subject's history across rounds", async () => {
    await stores.rounds.create(round({ id: "2026-1" }));
    await stores.rounds.create(round({ id: "2026-2", number: 2 }));
    await stores.reports.upsertMany([
      report(),
      report({ subjectId: "g-move-seniors", goalId: "g-move", milestones: [] }),
      report({ roundId: "2026-2", verdict: "atRisk" }),
    ]);
    assert.equal((await stores.reports.listByRound("2026-1")).length, 2);
    const history = await stores.reports.history("g-digi", ["2026-1", "2026-2", "2026-3"]);
    assert.deepEqual(
      history.map((r) => `${r.roundId}:${r.verdict}`),
      ["2026-1:onTrack", "2026-2:atRisk"],
    );
  });

  it("guards rounds with versions too", async () => {
    const created = await stores.rounds.create(round({ state: "draft" }));
    await assert.rejects(stores.rounds.create(round()), ConflictError);
    const opened = await stores.rounds.update({ ...created, state: "open" });
    await assert.rejects(stores.rounds.update({ ...created, state: "closed" }), ConflictError);
    assert.equal((await stores.rounds.get(created.id))?.state, "open");
    assert.notEqual(opened.version, created.version);
  });

  it("keeps a report's history of changes in order", async () => {
    for (const [i, action] of (["draft", "draft", "submit"] as const).entries()) {
      await stores.reports.appendEvent({
        roundId: "2026-1",
        subjectId: "g-digi",
        at: `2026-03-2${i}T10:00:00.000Z`,
        by: "p-owner",
        action,
        state: action === "submit" ? "submitted" : "draft",
        progress: i * 10,
      });
    }
    const events = await stores.reports.events("2026-1", "g-digi");
    assert.deepEqual(
      events.map((e) => e.action),
      ["draft", "draft", "submit"],
    );
  });

  it("completes a report's history when the process died between the report and its event", async () => {
    const event = {
      roundId: "2026-1",
      subjectId: "g-digi",
      at: "2026-03-20T10:00:00.000Z",
      by: "p-owner",
      action: "submit" as const,
      state: "submitted" as const,
      progress: 60,
    };
    // The report row is written with its event; the event row never is (kill -9 right after).
    const saved = await stores.reports.save(report({ state: "submitted" }), event);
    assert.equal("lastEvent" in saved, false, "the carried event is storage's business only");
    assert.equal("lastEvent" in (await stores.reports.get("2026-1", "g-digi"))!, false);
    assert.deepEqual(await stores.reports.events("2026-1", "g-digi"), [event]);
    // Reading wrote it; writing it again (the interrupted save finishing late) stores it once.
    await stores.reports.appendEvent(event);
    assert.deepEqual(await stores.reports.events("2026-1", "g-digi"), [event]);
  });

  it("appends audit entries newest first", async () => {
    await stores.audit.append({
      at: "2026-03-01T10:00:00.000Z",
      by: "p-admin",
      action: "open",
      target: "round:2026-1",
    });
    await stores.audit.append({
      at: "2026-03-05T10:00:00.000Z",
      by: "p-admin",
      action: "extend",
      target: "round:2026-1",
    });
    const entries = await stores.audit.month("2026-03");
    assert.deepEqual(
      entries.map((e) => e.action),
      ["extend", "open"],
    );
    assert.equal((await stores.audit.forTarget("round:2026-1", ["2026-03"])).length, 2);
  });
});
