// The rounds API through the real server: what admins can do, what the others cannot, and the
// record every change leaves. Sending is off here (DISPATCH_WORKERS=0): messages stay queued.
import assert from "node:assert/strict";
import type { Round } from "@goal-forecast/core/domain/model";
import type { RoundProgress } from "../../../bot/src/rounds/progress.js";
import type { AuditEntry } from "../../../bot/src/storage/audit.js";
import { startTestApp, type TestApp } from "../../support/app.js";
import { goals, people, themes } from "../../support/fixtures.js";
import { until } from "../../support/rounds.js";

type ErrorBody = {
  error: { code: string; message: string; fields?: { field: string; code: string; message: string }[] };
};

const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe("rounds API", function () {
  let app: TestApp;

  before(async () => {
    app = await startTestApp({
      SEED_DEMO_DATA: "false",
      DISPATCH_WORKERS: "0",
      SCHEDULER_INTERVAL_SECONDS: "0",
    });
    await app.stores.register.saveRegister({ themes, people, goals });
  });

  after(async () => {
    await app?.close();
  });

  const post = (path: string, body?: unknown, as = "p-admin", headers: Record<string, string> = {}) =>
    app.api(path, { method: "POST", ...(body !== undefined ? { body } : {}), as, headers });

  it("creates a round with sensible defaults: names in three languages, the year's active goals, reminders 7/2/0", async () => {
    const res = await post("/api/rounds", { year: 2026, number: 2, dueAt: future(30) });
    assert.equal(res.status, 201);
    const round = res.body as Round;
    assert.equal(round.id, "2026-2");
    assert.equal(res.headers.get("location"), "/api/rounds/2026-2");
    assert.deepEqual(round.name, { fi: "Ennuste 2/2026", sv: "Prognos 2/2026", en: "Forecast 2/2026" });
    assert.deepEqual(round.goalIds.sort(), ["g-digi", "g-move"]);
    assert.deepEqual(round.reminderDays, [7, 2, 0]);
    assert.equal(round.state, "draft");
    const again = await post("/api/rounds", { year: 2026, number: 2, dueAt: future(30) });
    assert.equal(again.status, 409, "a round is created once");
    assert.equal(
      (again.body as ErrorBody).error.message,
      "Kierros 2026-2 on jo olemassa; uutta samalla numerolla ei voi luoda.",
    );
  });

  it("reads a date without a time as 16:00 Finnish time", async () => {
    const res = await post("/api/rounds", {
      year: 2026,
      number: 5,
      dueAt: "2027-06-15",
      goalIds: ["g-digi"],
    });
    assert.equal(res.status, 201);
    assert.equal((res.body as Round).dueAt, "2027-06-15T13:00:00.000Z");
    const winter = await post("/api/rounds", {
      year: 2026,
      number: 6,
      dueAt: "2027-01-15",
      goalIds: ["g-digi"],
    });
    assert.equal((winter.body as Round).dueAt, "2027-01-15T14:00:00.000Z");
  });

  it("refuses bad input with field errors in the admin's language, and keeps nothing", async () => {
    const cases: [unknown, string][] = [
      [{ year: 2026, number: 3, dueAt: "tomorrow" }, "dueAt"],
      [{ year: 2026, number: 3, dueAt: future(5), goalIds: ["no-such-goal"] }, "goalIds.0"],
      [{ year: 2026, number: 3, dueAt: "2020-01-01T00:00:00Z" }, "dueAt"],
      [{ year: 2026, number: 99, dueAt: future(5) }, "number"],
      [{ year: 2026, number: 3, dueAt: future(5), state: "open" }, "body"],
      [{ year: 1999, number: 3, dueAt: future(5) }, "year"],
    ];
    for (const [body, field] of cases) {
      const res = await post("/api/rounds", body, "p-admin", { "accept-language": "sv-FI" });
      assert.equal(res.status, 400, JSON.stringify(body));
      const error = (res.body as ErrorBody).error;
      assert.equal(error.message, "Begäran är ogiltig.");
      assert.ok(
        error.fields?.some((f) => f.field === field),
        `${field} in ${JSON.stringify(error.fields)}`,
      );
    }
    const res = await app.api("/api/rounds/2026-3", { as: "p-admin" });
    assert.equal(res.status, 404);
  });

  it("lets only admins change rounds; managers may watch progress, owners may not", async () => {
    assert.equal(
      (await post("/api/rounds", { year: 2026, number: 4, dueAt: future(9) }, "p-mgr")).status,
      403,
    );
    assert.equal((await post("/api/rounds/2026-2/open", undefined, "p-mgr")).status, 403);
    assert.equal((await post("/api/rounds/2026-2/open", undefined, "p-owner")).status, 403);
    assert.equal((await app.api("/api/rounds/2026-2/audit", { as: "p-mgr" })).status, 403);
    assert.equal((await app.api("/api/rounds/2026-2/progress", { as: "p-owner" })).status, 403);
    assert.equal((await app.api("/api/rounds/2026-2/progress", { as: "p-mgr" })).status, 200);
    assert.equal((await app.api("/api/rounds/2026-2/progress")).status, 401);
    assert.equal((await app.api("/api/rounds/nope/progress", { as: "p-admin" })).status, 404);
  });

  it("walks a round through its life, refusing what the domain forbids, and records who did what", async () => {
    const opened = await post("/api/rounds/2026-2/open");
    assert.equal(opened.status, 200);
    assert.equal((opened.body as Round).state, "open");
    assert.ok((opened.body as Round).opensAt);

    const twice = await post("/api/rounds/2026-2/open", undefined, "p-admin", { "accept-language": "en" });
    assert.equal(twice.status, 409);
    // What is wrong, not "someone else changed this meanwhile" (the concurrency conflict's message).
    assert.equal((twice.body as ErrorBody).error.message, "The round cannot be opened because it is open.");
    assert.equal(
      (twice.body as ErrorBody).error.fields?.[0]?.message,
      "The round cannot be opened because it is open.",
    );
    const freeze = await post("/api/rounds/2026-2/freeze", undefined, "p-admin", { "accept-language": "sv" });
    assert.equal(freeze.status, 409, "only a closed round freezes");
    assert.equal((freeze.body as ErrorBody).error.message, "Omgången kan inte låsas eftersom den är öppen.");
    const early = await post("/api/rounds/2026-2/reopen");
    assert.equal(
      (early.body as ErrorBody).error.message,
      "Kierrosta ei voi avata uudelleen, koska se on avoinna.",
    );

    const remind = await post("/api/rounds/2026-2/remind");
    assert.deepEqual(remind.body, { queued: 2 }, "the two owners; the preparer cannot submit");

    const firstDue = ((await app.api("/api/rounds/2026-2", { as: "p-admin" })).body as Round).dueAt;
    const newDue = future(40);
    const extended = await post("/api/rounds/2026-2/extend", { dueAt: newDue });
    assert.equal((extended.body as Round).dueAt, newDue);
    assert.equal((await post("/api/rounds/2026-2/extend", { dueAt: "2020-01-01T00:00:00Z" })).status, 400);

    assert.equal(((await post("/api/rounds/2026-2/close")).body as Round).state, "closed");
    assert.equal((await post("/api/rounds/2026-2/remind")).status, 409, "no reminders for a closed round");
    const reopened = await post("/api/rounds/2026-2/reopen", { reason: "Liikkumisohjelma korjaa lukuja" });
    assert.equal((reopened.body as Round).state, "open");
    assert.equal(((await post("/api/rounds/2026-2/close")).body as Round).state, "closed");
    assert.equal(((await post("/api/rounds/2026-2/freeze")).body as Round).state, "frozen");
    assert.equal((await post("/api/rounds/2026-2/reopen")).status, 409, "frozen is final");

    const audit = await app.api("/api/rounds/2026-2/audit", { as: "p-admin" });
    const entries = audit.body as AuditEntry[];
    assert.deepEqual(
      entries.map((e) => e.action),
      [
        "round.freeze",
        "round.close",
        "round.reopen",
        "round.close",
        "round.extend",
        "round.remind",
        "round.open",
        "round.create",
      ],
    );
    assert.ok(entries.every((e) => e.by === "p-admin"));
    assert.equal(entries[2]?.details?.reason, "Liikkumisohjelma korjaa lukuja");
    // What changed, before and after, and through what.
    assert.deepEqual(
      entries[4]?.changes?.find((c) => c.field === "dueAt"),
      { field: "dueAt", from: firstDue, to: newDue },
    );
    assert.deepEqual(entries[0]?.changes, [{ field: "state", from: "closed", to: "frozen" }]);
    assert.ok(entries.every((e) => e.channel === "api"));
  });

  it("names and removes a substitute for one subject of the round", async () => {
    await post("/api/rounds", { year: 2026, number: 7, dueAt: future(20) });
    const set = await app.api("/api/rounds/2026-7/substitutes/g-move-kids", {
      method: "PUT",
      as: "p-admin",
      body: { personId: "p-sub" },
    });
    assert.equal(set.status, 200);
    assert.deepEqual((set.body as Round).substitutes, { "g-move-kids": "p-sub" });
    const unknownSubject = await app.api("/api/rounds/2026-7/substitutes/nope", {
      method: "PUT",
      as: "p-admin",
      body: { personId: "p-sub" },
    });
    assert.equal(unknownSubject.status, 404);
    const unknownPerson = await app.api("/api/rounds/2026-7/substitutes/g-digi", {
      method: "PUT",
      as: "p-admin",
      body: { personId: "p-nobody" },
    });
    assert.equal(unknownPerson.status, 400);
    const cleared = await app.api("/api/rounds/2026-7/substitutes/g-move-kids", {
      method: "PUT",
      as: "p-admin",
      body: { personId: null },
    });
    assert.deepEqual((cleared.body as Round).substitutes, {});
  });

  it("shows progress: check-ins queued per recipient and who has answered", async () => {
    await post("/api/rounds", { year: 2026, number: 8, dueAt: future(20) });
    await post("/api/rounds/2026-8/open");
    const progress = await until(async () => {
      const res = await app.api("/api/rounds/2026-8/progress", { as: "p-mgr" });
      const body = res.body as RoundProgress;
      return body.delivery.counts.queued === 3 ? body : undefined;
    }, "the check-ins to be queued");
    assert.deepEqual(progress.delivery.counts, {
      queued: 3,
      installing: 0,
      sending: 0,
      sent: 0,
      failed: 0,
      unreachable: 0,
      notInDirectory: 0,
      consentMissing: 0,
      inDoubt: 0,
    });
    assert.deepEqual(progress.responses.counts, { missing: 3, draft: 0, submitted: 0 });
    assert.deepEqual(
      progress.responses.subjects.map((s) => s.subjectId),
      ["g-digi", "g-move-seniors", "g-move-kids"],
    );
  });

  it("reports the dispatch queue in /api/health", async () => {
    const res = await app.api("/api/health");
    const checks = (
      res.body as { checks: Record<string, { ok: boolean; backlog?: number; poison?: number }> }
    ).checks;
    assert.equal(checks.queues?.ok, true);
    assert.equal(typeof checks.queues?.backlog, "number");
    assert.equal(checks.queues?.poison, 0);
  });
});
