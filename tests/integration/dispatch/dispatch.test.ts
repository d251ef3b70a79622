// The dispatcher's own decisions on real Azurite tables and queues, with a scripted sender standing in
// for Teams (what the real botbuilder sender does against the connector is in connector.test.ts).
import assert from "node:assert/strict";
import type { RoundMachinery } from "../../../bot/src/rounds/machinery.js";
import { encodeMessage } from "../../../bot/src/dispatch/messages.js";
import { CHECKIN_BATCH } from "../../../bot/src/dispatch/schedule.js";
import type { StorageAccount } from "../../../bot/src/storage/client.js";
import type { Stores } from "../../../bot/src/storage/index.js";
import { goals, people, round, themes } from "../../support/fixtures.js";
import { ScriptedSender, sentOutcome, startRoundsInstance, until } from "../../support/rounds.js";
import { freshStores } from "../../support/storage.js";

const ROUND = "2026-1";
const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString();
/** Everyone who answers for something in the fixture round (owners, preparers). */
const RECIPIENTS = ["p-owner", "p-owner2", "p-prep"];

describe("dispatch (Azurite tables and queues)", function () {
  let account: StorageAccount;
  let stores: Stores;
  let instances: RoundMachinery[] = [];

  async function instance(sender: ScriptedSender, env: Record<string, string> = {}): Promise<RoundMachinery> {
    const m = await startRoundsInstance(account, stores, sender, env);
    instances.push(m);
    return m;
  }

  async function openRound(m: RoundMachinery): Promise<void> {
    await stores.rounds.create(round({ id: ROUND, state: "draft", dueAt: inAMonth(), opensAt: undefined }));
    await m.service.act(ROUND, "open", "p-admin");
  }

  async function states(batch = CHECKIN_BATCH): Promise<Record<string, string>> {
    const rows = await instances[0]!.deliveries.list(ROUND, batch);
    return Object.fromEntries(rows.map((r) => [r.personId, r.state]));
  }

  async function settled(batch = CHECKIN_BATCH): Promise<Record<string, string>> {
    return until(async () => {
      const s = await states(batch);
      const values = Object.values(s);
      return values.length > 0 && values.every((v) => v !== "queued" && v !== "sending") ? s : undefined;
    }, "every delivery to settle");
  }

  beforeEach(async () => {
    ({ account, stores } = await freshStores());
    await stores.register.saveRegister({ themes, people, goals });
  });

  afterEach(async () => {
    await Promise.all(instances.map((m) => m.stop()));
    instances = [];
  });

  it("sends everyone in the round their check-in once when it opens", async () => {
    const sender = new ScriptedSender();
    const m = await instance(sender);
    await openRound(m);
    const final = await settled();
    assert.deepEqual(final, Object.fromEntries(RECIPIENTS.map((p) => [p, "sent"])));
    assert.deepEqual(
      [...sender.countsByPerson("checkin")].sort(),
      RECIPIENTS.map((p) => [p, 1]),
    );
    const row = await m.deliveries.get(ROUND, CHECKIN_BATCH, "p-owner");
    assert.match(row?.activityId ?? "", /^act-/);
    assert.ok(row?.sentAt);
  });

  it("sends once when the same queue message arrives twice", async () => {
    const sender = new ScriptedSender();
    const m = await instance(sender, { DISPATCH_WORKERS: "0" }); // nobody sends until we say so
    await openRound(m);
    await m.runner.idle();
    const messages = await m.queue.receive(32, 30);
    const first = messages.find((msg) => msg.text.includes('"p-owner"'));
    assert.ok(first, "the check-in of p-owner is queued");
    for (const other of messages) if (other !== first) await m.queue.defer(other, 0);
    // The very same message again (as after a lost delete), and a second copy of it in the queue.
    await m.queue.send(first.text);
    const worker = await instance(sender);
    await worker.dispatcher!.handle(first);
    await worker.dispatcher!.handle({ ...first });
    await until(async () => (await m.queue.approximateCount()) === 0, "every message to be consumed");
    assert.deepEqual(await states(), Object.fromEntries(RECIPIENTS.map((p) => [p, "sent"])));
    assert.equal(sender.countsByPerson().get("p-owner"), 1);
    assert.ok(worker.dispatcher!.stats.skipped >= 1);
  });

  it("reports a send cut short by a crash as in doubt instead of sending again", async () => {
    const sender = new ScriptedSender();
    const m = await instance(sender, { DISPATCH_WORKERS: "0" });
    await openRound(m);
    await m.runner.idle();
    // A worker claimed p-owner's row and died before recording the answer: its claim has run out.
    const row = (await m.deliveries.get(ROUND, CHECKIN_BATCH, "p-owner"))!;
    await m.deliveries.update({
      ...row,
      state: "sending",
      attempts: 1,
      claimedBy: "dead",
      claimUntil: Date.now() - 1,
    });
    const worker = await instance(sender);
    const final = await settled();
    assert.equal(final["p-owner"], "inDoubt");
    assert.equal(sender.countsByPerson().get("p-owner"), undefined);
    assert.equal(final["p-owner2"], "sent");
    const progress = await worker.progress.get(ROUND);
    assert.deepEqual(
      progress?.delivery.problems.map((p) => [p.personId, p.state, p.reason]),
      [["p-owner", "inDoubt", "interrupted"]],
    );
  });

  it("moves unreadable messages to the poison queue with their reason, without blocking the rest", async () => {
    const sender = new ScriptedSender();
    const m = await instance(sender);
    await m.queue.send("this is not json");
    await m.queue.send(encodeMessage({ roundId: ROUND, batchId: "nope", personId: "p-x", kind: "checkin" }));
    await openRound(m);
    await settled();
    const poisoned = await until(async () => {
      const list = await m.poison.receive(32, 30);
      return list.length >= 2 ? list : undefined;
    }, "two poison messages");
    const reasons = poisoned.map((p) => (JSON.parse(p.text) as { reason: string }).reason).sort();
    assert.deepEqual(reasons, ["noDeliveryRow", "notJson"]);
    assert.equal(sender.calls.length, RECIPIENTS.length);
  });

  it("retries 5xx with backoff up to the limit, then marks failed; unreachable is not retried", async () => {
    const sender = new ScriptedSender((req) => {
      if (req.to.personId === "p-owner") return { kind: "transient", status: 502, detail: "bad gateway" };
      if (req.to.personId === "p-prep")
        return { kind: "unreachable", reason: "blockedByUser", detail: "403" };
      return sentOutcome();
    });
    const m = await instance(sender);
    await openRound(m);
    const final = await settled();
    assert.deepEqual(final, { "p-owner": "failed", "p-owner2": "sent", "p-prep": "unreachable" });
    assert.equal(sender.countsByPerson().get("p-owner"), 3); // DISPATCH_MAX_ATTEMPTS in tests
    assert.equal(sender.countsByPerson().get("p-prep"), 1);
    const failed = await m.deliveries.get(ROUND, CHECKIN_BATCH, "p-owner");
    assert.equal(failed?.reason, "http502");
    assert.equal(failed?.attempts, 3);
  });

  it("resends to the failed and unreachable only, once each", async () => {
    let healthy = false;
    const sender = new ScriptedSender((req) => {
      if (!healthy && req.to.personId === "p-owner")
        return { kind: "transient", status: 500, detail: "boom" };
      if (!healthy && req.to.personId === "p-prep") return { kind: "unreachable", reason: "notInstalled" };
      return sentOutcome();
    });
    const m = await instance(sender);
    await openRound(m);
    await settled();
    healthy = true;
    const { queued } = await m.service.resend(ROUND, "p-admin");
    assert.equal(queued, 2);
    await until(async () => {
      const s = await states();
      return Object.values(s).every((v) => v === "sent") ? s : undefined;
    }, "the resend to go out");
    const successes = sender.calls.filter((c) => c.to.personId === "p-owner2");
    assert.equal(successes.length, 1, "the one already sent is not sent again");
    const row = await m.deliveries.get(ROUND, CHECKIN_BATCH, "p-prep");
    assert.equal(row?.resends, 1);
    const audit = await m.service.auditOf(ROUND);
    assert.deepEqual(
      audit.map((a) => a.action),
      ["round.resend", "round.open"],
    );
  });
});
