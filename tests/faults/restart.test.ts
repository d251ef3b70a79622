// kill -9 of the real server process (bot/src/main.ts) in the middle of work, then a restart on the
// same storage: what Teams received, what the delivery rows say and what reports are stored must agree.
import assert from "node:assert/strict";
import type { Report, ReportEvent } from "@goal-forecast/core/domain/model";
import type { RoundProgress } from "../../bot/src/rounds/progress.js";
import { CHECKIN_BATCH } from "../../bot/src/dispatch/schedule.js";
import type { Delivery } from "../../bot/src/storage/deliveries.js";
import {
  demoInput,
  demoRecipients,
  demoSubjects,
  DEMO_ADMIN,
  installDemoPeople,
  openDemoRound,
  storageOf,
} from "../support/demo-round.js";
import type { ApiAnswer } from "../support/http.js";
import { FAST_DISPATCH_ENV, until } from "../support/rounds.js";
import { ServerProcess } from "../support/server-process.js";
import { TeamsClient, TENANT_ID, conversationIdOf } from "../support/teams-client.js";
import { startTeamsConnector, type TeamsConnector } from "../support/teams-connector.js";

describe("faults: kill -9 of the server and a restart", function () {
  this.timeout(300_000); // a bound for a busy machine, not an expectation
  let server: ServerProcess | undefined;
  let connector: TeamsConnector | undefined;

  afterEach(async function () {
    if (this.currentTest?.state === "failed" && server) console.error(server.logTail());
    await server?.stop();
    await connector?.stop();
    server = connector = undefined;
  });

  it("during a round's dispatch: everyone gets one check-in, the in-flight ones are reported in doubt, not resent", async () => {
    connector = await startTeamsConnector();
    const workers = 2;
    server = await ServerProcess.start({
      ...FAST_DISPATCH_ENV,
      BOT_TENANT_ID: TENANT_ID,
      TEAMS_SERVICE_URL: connector.url,
      DISPATCH_WORKERS: String(workers),
      // A crashed instance's messages come back after 5 s; its claims end 3 + 5 s after they began.
      DISPATCH_VISIBILITY_SECONDS: "5",
      DISPATCH_SEND_TIMEOUT_MS: "3000",
    });
    const teams = new TeamsClient(server.url, connector);
    const users = await installDemoPeople(teams, demoRecipients);
    const mark = connector.calls.length;
    // Teams takes its time answering: there is always a send in flight when the server dies.
    connector.respondAfter(1000);
    const roundId = await openDemoRound(server, 3);
    const posts = (personId: string) =>
      connector!.calls
        .slice(mark)
        .filter(
          (c) =>
            (c.kind === "send" || c.kind === "reply") &&
            c.status < 300 &&
            c.conversationId === conversationIdOf(users.get(personId)!),
        );
    await until(
      () => demoRecipients.filter((p) => posts(p).length > 0).length >= 3,
      "three check-ins to reach Teams",
      120_000,
    );
    await server.kill();
    const beforeRestart = demoRecipients.filter((p) => posts(p).length > 0).length;
    assert.ok(beforeRestart < demoRecipients.length, "the kill came mid-dispatch");

    await server.restart();
    const { deliveries } = storageOf(server.env);
    const rows = await until(
      async () => {
        const list = await deliveries.list(roundId, CHECKIN_BATCH);
        return list.length === demoRecipients.length &&
          list.every((r) => r.state !== "queued" && r.state !== "sending")
          ? new Map(list.map((r) => [r.personId, r]))
          : undefined;
      },
      "every check-in to settle after the restart",
      180_000,
    );

    const inDoubt: Delivery[] = [];
    for (const personId of demoRecipients) {
      const row = rows.get(personId)!;
      const got = posts(personId);
      assert.ok(got.length <= 1, `${personId} got ${got.length} check-ins`);
      if (row.state === "inDoubt") {
        inDoubt.push(row);
        assert.equal(row.reason, "interrupted");
        assert.equal(row.attempts, 1, "an interrupted send is not tried again by itself");
        continue;
      }
      assert.equal(row.state, "sent", `${personId}: ${row.state}/${row.reason ?? ""}`);
      assert.equal(got.length, 1, `${personId} has one check-in at Teams`);
      // The row names the very message Teams holds.
      const held = connector.conversations.get(row.conversationId!)?.activities;
      assert.ok(held?.has(row.activityId!), `${personId}: the row's activity is the one Teams has`);
    }
    assert.ok(inDoubt.length >= 1, "the kill caught a send in flight (Teams answers after 1 s)");
    assert.ok(inDoubt.length <= workers, `at most the ${workers} in-flight sends are in doubt`);

    const progress = (await server.api(`/api/rounds/${roundId}/progress`, { as: DEMO_ADMIN }))
      .body as RoundProgress;
    assert.equal(progress.delivery.counts.inDoubt, inDoubt.length);
    assert.equal(progress.delivery.counts.sent, demoRecipients.length - inDoubt.length);
    assert.deepEqual(
      progress.delivery.problems.map((p) => p.state).sort(),
      inDoubt.map(() => "inDoubt"),
      "the admin sees exactly the in-doubt ones as problems",
    );
  });

  it("during a burst of submits: every answered submit is stored once with its history, the others can be sent again", async () => {
    server = await ServerProcess.start({ DISPATCH_WORKERS: "0" }); // nobody to send check-ins to
    const rounds = [3, 4, 5, 6];
    for (const n of rounds) await openDemoRound(server, n);
    const submits = rounds.flatMap((n) =>
      demoSubjects.map((s) => ({ roundId: `2020-${n}`, subject: s, owner: s.ownerIds[0]! })),
    );
    const tokens = new Map<string, string>();
    for (const s of submits) tokens.set(s.owner, await server.tokenFor(s.owner));

    const put = (target: ServerProcess, s: (typeof submits)[number], token?: string) =>
      target.api(`/api/rounds/${s.roundId}/reports/${s.subject.id}`, {
        method: "PUT",
        ...(token ? { token } : { as: s.owner }),
        body: { action: "submit", report: demoInput(s.subject.id) },
      });
    let answered = 0;
    let killing: Promise<void> | undefined;
    const victim = server;
    const results = await Promise.all(
      submits.map((s) =>
        put(victim, s, tokens.get(s.owner)).then(
          (res): ApiAnswer | undefined => {
            if (res.status === 200) answered += 1;
            if (answered === 4 && !killing) killing = victim.kill();
            return res;
          },
          () => undefined, // the connection died with the server
        ),
      ),
    );
    await killing;
    const ok = submits.filter((_, i) => results[i]?.status === 200);
    const failed = submits.filter((_, i) => results[i]?.status !== 200);
    assert.ok(ok.length >= 4 && failed.length > 0, `the kill came mid-burst (${ok.length} answered)`);
    for (const [i, res] of results.entries())
      if (res) assert.equal(res.status, 200, `${submits[i]!.subject.id}: ${JSON.stringify(res.body)}`);

    await server.restart();
    const { stores } = storageOf(server.env);
    const stored = async (s: (typeof submits)[number]) => ({
      report: (await stores.reports.get(s.roundId, s.subject.id)) as Report | undefined,
      events: (await stores.reports.events(s.roundId, s.subject.id)) as ReportEvent[],
    });
    for (const s of ok) {
      const { report, events } = await stored(s);
      assert.equal(report?.state, "submitted", s.subject.id);
      assert.equal(report?.submittedBy, s.owner);
      assert.equal(report?.progress, demoInput(s.subject.id).progress);
      assert.deepEqual(
        events.map((e) => [e.action, e.by]),
        [["submit", s.owner]],
        `${s.roundId}/${s.subject.id}: one history event`,
      );
    }
    for (const s of failed) {
      const { report, events } = await stored(s);
      // Cut off before its answer: either nothing of it is stored, or all of it.
      assert.equal(events.length, report ? 1 : 0, `${s.roundId}/${s.subject.id}: half-written`);
    }

    // The owners send what was not confirmed again, and it is taken, once.
    for (const s of failed) {
      const res = await put(server, s);
      assert.equal(res.status, 200, `${s.subject.id} again: ${JSON.stringify(res.body)}`);
    }
    for (const s of submits) {
      const { report, events } = await stored(s);
      assert.equal(report?.state, "submitted");
      assert.deepEqual(
        events.map((e) => e.action),
        ["submit"],
        `${s.roundId}/${s.subject.id}: stored once, whichever way it got there`,
      );
    }
  });
});
