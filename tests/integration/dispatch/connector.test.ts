// Rounds end to end: the real server (API, dispatcher, botbuilder sender) on Azurite tables and queues,
// talking to the local Teams connector; two server instances on the same storage where it matters.
import assert from "node:assert/strict";
import type { Goal, Round } from "@goal-forecast/core/domain/model";
import type { RoundProgress } from "../../../bot/src/rounds/progress.js";
import { CHECKIN_BATCH } from "../../../bot/src/dispatch/schedule.js";
import type { Delivery } from "../../../bot/src/storage/deliveries.js";
import { startTestApp, type TestApp } from "../../support/app.js";
import { goals, people, report, themes } from "../../support/fixtures.js";
import { FAST_DISPATCH_ENV, until } from "../../support/rounds.js";
import { uniquePrefix } from "../../support/storage.js";
import { TeamsClient, TENANT_ID, cardOf, conversationIdOf, textOf } from "../../support/teams-client.js";
import {
  startTeamsConnector,
  type ConnectorUser,
  type TeamsConnector,
} from "../../support/teams-connector.js";

const DAY = 86_400_000;
const isPost = (kind: string) => kind === "send" || kind === "reply";

/** Two server instances (or one) on one storage account and one connector, with people installed. */
class World {
  apps: TestApp[] = [];
  connector!: TeamsConnector;
  teams!: TeamsClient;
  users = new Map<string, ConnectorUser>();
  /** Connector calls before the round: installs and welcomes. */
  mark = 0;

  async start(instances: number, env: Record<string, string> = {}, register = { themes, people, goals }) {
    this.connector = await startTeamsConnector();
    const shared = {
      SEED_DEMO_DATA: "false",
      BOT_TENANT_ID: TENANT_ID,
      TEAMS_SERVICE_URL: this.connector.url,
      STORAGE_PREFIX: uniquePrefix(),
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "warn",
      ...FAST_DISPATCH_ENV,
      ...env,
    };
    for (let i = 0; i < instances; i++) this.apps.push(await startTestApp(shared));
    await this.a.stores.register.saveRegister(register);
    this.teams = new TeamsClient(this.a.url, this.connector);
    return this;
  }

  get a(): TestApp {
    return this.apps[0]!;
  }

  async install(...keys: string[]): Promise<void> {
    for (const key of keys) {
      const person = people.find((p) => p.id === `p-${key}`)!;
      const user = this.teams.user({ key, upn: person.upn, name: person.displayName });
      this.users.set(person.id, user);
      await this.teams.install(user);
    }
    this.mark = this.connector.calls.length;
  }

  conversation(personId: string): string {
    return conversationIdOf(this.users.get(personId)!);
  }

  /** Messages posted (not updated) to a person since the installs. */
  posts(personId: string): number {
    return this.connector.calls
      .slice(this.mark)
      .filter((c) => isPost(c.kind) && c.status < 300 && c.conversationId === this.conversation(personId))
      .length;
  }

  async createRound(body: Record<string, unknown>): Promise<Round> {
    const res = await this.a.api("/api/rounds", { method: "POST", as: "p-admin", body });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body as Round;
  }

  async action(roundId: string, action: string, body?: unknown, app = this.a) {
    return app.api(`/api/rounds/${roundId}/${action}`, {
      method: "POST",
      as: "p-admin",
      ...(body !== undefined ? { body } : {}),
    });
  }

  async rows(roundId: string, batch = CHECKIN_BATCH): Promise<Map<string, Delivery>> {
    return new Map((await this.a.rounds.deliveries.list(roundId, batch)).map((r) => [r.personId, r]));
  }

  /** Waits until every row of the batch has left queued/sending and there are `count` of them. */
  async settled(roundId: string, count: number, batch = CHECKIN_BATCH): Promise<Map<string, Delivery>> {
    return until(async () => {
      const rows = await this.rows(roundId, batch);
      const values = [...rows.values()];
      return values.length === count && values.every((r) => r.state !== "queued" && r.state !== "sending")
        ? rows
        : undefined;
    }, `${count} deliveries of ${roundId}/${batch} to settle`);
  }

  async stop(): Promise<void> {
    await Promise.all(this.apps.map((a) => a.close()));
    await this.connector?.stop();
  }
}

const future = (days: number) => new Date(Date.now() + days * DAY).toISOString();

describe("rounds end to end (real server, botbuilder sender, local Teams connector)", function () {
  this.timeout(60_000);
  let world: World;

  afterEach(async () => {
    await world?.stop();
  });

  it("opening a round sends each person their check-in once, and lists who could not be reached and why", async () => {
    world = await new World().start(1);
    await world.install("owner", "owner2", "prep");
    const round = await world.createRound({ year: 2026, number: 1, dueAt: future(20) });
    // A substitute who never met the bot (no Teams conversation, no AAD id).
    await world.a.api(`/api/rounds/${round.id}/substitutes/g-move-kids`, {
      method: "PUT",
      as: "p-admin",
      body: { personId: "p-sub" },
    });
    assert.equal((await world.action(round.id, "open")).status, 200);
    const rows = await world.settled(round.id, 4);
    assert.deepEqual(Object.fromEntries([...rows].map(([p, r]) => [p, [r.state, r.reason ?? ""]])), {
      "p-owner": ["sent", ""],
      "p-owner2": ["sent", ""],
      "p-prep": ["sent", ""],
      "p-sub": ["unreachable", "unknownPerson"],
    });
    for (const p of ["p-owner", "p-owner2", "p-prep"]) assert.equal(world.posts(p), 1, p);
    const card = cardOf(world.connector.activitiesIn(world.conversation("p-owner")).at(-1));
    assert.match(textOf(card), /Ennuste 1\/2026/);
    assert.equal(rows.get("p-owner")?.activityId !== undefined, true);

    world.a.rounds.progress.invalidate(round.id);
    const progress = (await world.a.api(`/api/rounds/${round.id}/progress`, { as: "p-mgr" }))
      .body as RoundProgress;
    assert.deepEqual(progress.delivery.counts, {
      queued: 0,
      installing: 0,
      sending: 0,
      sent: 3,
      failed: 0,
      unreachable: 1,
      notInDirectory: 0,
      consentMissing: 0,
      inDoubt: 0,
    });
    assert.deepEqual(
      progress.delivery.problems.map((p) => [p.displayName, p.state, p.reason, p.attempts]),
      [["Sami Substitute", "unreachable", "unknownPerson", 1]],
    );
  });

  it("classifies Teams' answers: 403 unreachable, 404 recreated then unreachable, 502 retried, 412 failed after the limit", async () => {
    world = await new World().start(1);
    await world.install("owner", "owner2", "prep", "sub");
    const c = (p: string) => world.conversation(p);
    world.connector.block(c("p-owner"), "ConversationBlockedByUser");
    world.connector.block(c("p-sub"), "ConversationNotFound");
    world.connector.failNext({ status: 502, conversationId: c("p-prep") }, 2);
    world.connector.failNext({ status: 412, conversationId: c("p-owner2") }, 10);
    const round = await world.createRound({ year: 2026, number: 1, dueAt: future(20) });
    await world.a.api(`/api/rounds/${round.id}/substitutes/g-move-kids`, {
      method: "PUT",
      as: "p-admin",
      body: { personId: "p-sub" },
    });
    await world.action(round.id, "open");
    const rows = await world.settled(round.id, 4);
    const summary = Object.fromEntries(
      [...rows].map(([p, r]) => [p, `${r.state}/${r.reason ?? ""}/${r.attempts}`]),
    );
    assert.deepEqual(summary, {
      "p-owner": "unreachable/blockedByUser/1",
      "p-sub": "unreachable/conversationNotFound/1",
      "p-prep": "sent//3",
      "p-owner2": "failed/http412/3",
    });
    const calls = (p: string) =>
      world.connector.calls.slice(world.mark).filter((x) => x.conversationId === c(p) && isPost(x.kind))
        .length;
    assert.equal(calls("p-owner"), 1, "a blocked person is asked once");
    assert.equal(calls("p-prep"), 3);
    assert.equal(world.connector.callsOf("createConversation").length, 1, "the 404 chat is recreated once");
  });

  it("halts everyone on 401 until an admin resends, and tells the admin", async () => {
    world = await new World().start(1, { DISPATCH_WORKERS: "1" }); // one at a time: nothing else in flight
    await world.install("owner", "owner2", "prep");
    world.connector.failNext({ status: 401, code: "Unauthorized" }, 1);
    const round = await world.createRound({ year: 2026, number: 1, dueAt: future(20) });
    await world.action(round.id, "open");
    const dispatcher = world.a.rounds.dispatcher!;
    // Everything queued and waiting; the loop keeps its hands off the queue while halted.
    const halted = await until(async () => {
      const rows = [...(await world.rows(round.id)).values()];
      const waiting = rows.filter((r) => r.reason === "unauthorized");
      return waiting.length === 1 && dispatcher.stats.pausedPolls > 2 ? rows : undefined;
    }, "the halt");
    assert.equal(halted.filter((r) => r.state === "sent").length, 0, "nothing went out after the 401");
    const progress = await world.a.rounds.progress.get(round.id);
    assert.equal(progress?.delivery.paused?.reason, "unauthorized");
    const audit = (await world.a.api(`/api/rounds/${round.id}/audit`, { as: "p-admin" })).body as {
      action: string;
    }[];
    assert.ok(audit.some((e) => e.action === "dispatch.halted"));

    const resend = await world.action(round.id, "resend", {});
    assert.deepEqual(resend.body, { queued: 1 });
    const rows = await world.settled(round.id, 3);
    assert.deepEqual(
      [...rows.values()].map((r) => r.state),
      ["sent", "sent", "sent"],
    );
    for (const p of ["p-owner", "p-owner2", "p-prep"]) assert.equal(world.posts(p), 1, p);
  });

  it("a 429 seen by one instance pauses the other too, through storage", async () => {
    world = await new World().start(2);
    await world.install("owner", "owner2", "prep");
    const [a, b] = world.apps as [TestApp, TestApp];
    // Round 1 has one recipient, whose send draws a 429 with a long Retry-After.
    const solo: Goal = { ...goals[0]!, id: "g-solo", ownerIds: ["p-owner"], preparerIds: [] };
    await a.stores.register.saveGoal(solo);
    world.connector.failNext({ status: 429, retryAfter: 30 }, 1);
    await world.createRound({ year: 2026, number: 1, dueAt: future(20), goalIds: ["g-solo"] });
    await world.action("2026-1", "open");
    await until(
      () => [a, b].every((app) => app.rounds.throttle.pausedUntil() > Date.now() + 20_000),
      "both instances to see the pause",
    );
    assert.equal(world.connector.stats.throttled, 1);

    // Round 2 is opened (through the other instance) while paused: nobody may send.
    await world.createRound({ year: 2026, number: 2, dueAt: future(20), goalIds: ["g-move"] });
    await world.action("2026-2", "open", undefined, b);
    await until(async () => (await world.rows("2026-2")).size === 3, "round 2's check-ins to be queued");
    const polls = [a, b].map((app) => app.rounds.dispatcher!.stats.pausedPolls);
    await until(
      () => [a, b].every((app, i) => app.rounds.dispatcher!.stats.pausedPolls >= polls[i]! + 2),
      "both workers to pass over the queue while paused",
    );
    const calls = world.connector.calls.slice(world.mark);
    assert.deepEqual(
      calls.map((c) => `${c.kind}:${c.status}`),
      ["reply:429"],
      "one request, answered 429, and nothing since",
    );
    const progress = (await b.api("/api/rounds/2026-2/progress", { as: "p-admin" })).body as RoundProgress;
    assert.equal(progress.delivery.paused?.reason, "throttled");

    // The admin lifts the pause (resend); both instances go on and each person gets one check-in.
    await world.action("2026-2", "resend", {});
    const rows = await world.settled("2026-2", 3);
    assert.ok([...rows.values()].every((r) => r.state === "sent"));
    for (const p of ["p-owner", "p-owner2", "p-prep"]) assert.equal(world.posts(p), 1, p);
  });

  it("each reminder goes out once across two instances, updating the check-in; escalation reaches the manager", async () => {
    const managed = people.map((p) => (p.id === "p-owner2" ? { ...p, managerId: "p-mgr" } : p));
    world = await new World().start(2, {}, { themes, people: managed, goals });
    await world.install("owner", "owner2", "prep", "mgr");
    const [a, b] = world.apps as [TestApp, TestApp];
    const dueAt = future(10);
    const round = await world.createRound({ year: 2026, number: 1, dueAt });
    await world.action(round.id, "open");
    await world.settled(round.id, 3);
    // p-owner has submitted everything (Digitalisaatio and Ikäihmiset); p-owner2 still owes Pienet lapset.
    for (const subjectId of ["g-digi", "g-move-seniors"])
      await a.stores.reports.save(
        report({ roundId: round.id, subjectId, goalId: subjectId === "g-digi" ? "g-digi" : "g-move" }),
      );

    const sevenDaysBefore = new Date(new Date(dueAt).getTime() - 7 * DAY + 60_000);
    const created = await Promise.all([
      a.rounds.scheduler.tick(sevenDaysBefore),
      b.rounds.scheduler.tick(sevenDaysBefore),
    ]);
    const again = await Promise.all([
      b.rounds.scheduler.tick(sevenDaysBefore),
      a.rounds.scheduler.tick(sevenDaysBefore),
    ]);
    const reminderJobs = [...created, ...again].flat().filter((id) => id.includes("reminder"));
    assert.equal(reminderJobs.length, 1, "one reminder job, whoever ticks");
    const batch = reminderJobs[0]!.split("|")[1]!;
    const reminders = await world.settled(round.id, 1, batch);
    assert.deepEqual([...reminders.keys()], ["p-owner2"]);
    assert.equal(reminders.get("p-owner2")?.state, "sent");
    const updates = world.connector.callsOf("update", world.conversation("p-owner2"));
    assert.equal(updates.length, 1, "the check-in was updated, once");
    assert.equal(world.posts("p-owner2"), 1, "and no new message was posted");
    const shown = textOf(cardOf(world.connector.activitiesIn(world.conversation("p-owner2")).at(-1)));
    assert.match(shown, /Påminnelse: 7 dagar kvar att svara/, "in the owner's language (Swedish)");

    const afterDue = new Date(new Date(dueAt).getTime() + 60_000);
    await Promise.all([a.rounds.scheduler.tick(afterDue), b.rounds.scheduler.tick(afterDue)]);
    const jobs = await a.rounds.jobs.forRound(round.id);
    const escalation = jobs.find((j) => j.kind === "escalation")!;
    const escalated = await world.settled(round.id, 1, escalation.batchId);
    assert.deepEqual([...escalated.keys()], ["p-mgr"]);
    assert.equal(world.posts("p-mgr"), 1);
    assert.match(
      textOf(cardOf(world.connector.activitiesIn(world.conversation("p-mgr")).at(-1))),
      /Pienet lapset/,
    );
  });
});
