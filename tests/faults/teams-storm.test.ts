// The local Teams connector answering a storm of 429s (with Retry-After) and 5xx errors while a round's
// check-ins go out from the real server and botbuilder sender: sending slows down, every request is
// accounted for, and everyone ends up with exactly one check-in.
import assert from "node:assert/strict";
import { CHECKIN_BATCH } from "../../bot/src/dispatch/schedule.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { demoRecipients, installDemoPeople, openDemoRound } from "../support/demo-round.js";
import { FAST_DISPATCH_ENV, until } from "../support/rounds.js";
import { TeamsClient, TENANT_ID, conversationIdOf } from "../support/teams-client.js";
import { startTeamsConnector, type TeamsConnector } from "../support/teams-connector.js";

/** A seeded random source (mulberry32): the same storm every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("faults: Teams answering 429 storms and 5xx", function () {
  this.timeout(300_000); // a bound for a busy machine, not an expectation
  let app: TestApp;
  let connector: TeamsConnector;

  after(async () => {
    await app?.close();
    await connector?.stop();
  });

  it("slows down on Retry-After, retries the 5xx, and completes with one check-in each, nothing lost", async () => {
    connector = await startTeamsConnector();
    app = await startTestApp({
      ...FAST_DISPATCH_ENV,
      BOT_TENANT_ID: TENANT_ID,
      TEAMS_SERVICE_URL: connector.url,
      LOG_LEVEL: "warn",
      DISPATCH_MAX_ATTEMPTS: "12",
    });
    const teams = new TeamsClient(app.url, connector);
    const users = await installDemoPeople(teams, demoRecipients);
    const mark = connector.calls.length;
    connector.setRandom(seeded(2026));
    connector.failRandomly({ status: 429, retryAfter: 1 }, 0.2);
    connector.failRandomly({ status: 503 }, 0.15);
    connector.failRandomly({ status: 502 }, 0.1);

    const roundId = await openDemoRound(app, 3);
    const rows = await until(
      async () => {
        const list = await app.rounds.deliveries.list(roundId, CHECKIN_BATCH);
        return list.length === demoRecipients.length &&
          list.every((r) => r.state !== "queued" && r.state !== "sending")
          ? list
          : undefined;
      },
      "the round's check-ins to settle",
      180_000,
    );
    const calls = connector.calls
      .slice(mark)
      .filter((c) => c.kind === "send" || c.kind === "reply" || c.kind === "update");
    const throttled = calls.filter((c) => c.status === 429).length;
    const failed = calls.filter((c) => c.status >= 500).length;
    assert.ok(throttled >= 3 && failed >= 3, `a storm: ${throttled} × 429, ${failed} × 5xx`);

    for (const row of rows) {
      assert.equal(row.state, "sent", `${row.personId}: ${row.state}/${row.reason ?? ""}`);
      const mine = calls.filter((c) => c.conversationId === conversationIdOf(users.get(row.personId)!));
      assert.equal(mine.filter((c) => c.status < 300).length, 1, `${row.personId}: one check-in`);
      assert.equal(row.attempts, mine.length, `${row.personId}: every request is one counted attempt`);
      // Honoured: after a 429 (Retry-After: 1), the next try to that person never came sooner. A lower
      // bound the dispatcher enforces by construction (row backoff ≥ Retry-After), not a speed figure.
      mine.forEach((c, i) => {
        const next = mine[i + 1];
        if (c.status === 429 && next) assert.ok(next.at - c.at >= 1000, `${row.personId}: retried too soon`);
      });
    }
    const stats = app.rounds.dispatcher!.stats;
    assert.equal(stats.throttled, throttled, "every 429 paused the sending (for its Retry-After)");
    assert.equal(stats.sent, demoRecipients.length);
    assert.equal(stats.retried, throttled + failed);
    assert.equal(stats.failed + stats.inDoubt + stats.poisoned, 0);
  });
});
