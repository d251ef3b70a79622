import assert from "node:assert/strict";
import { retryDelayMs } from "../../../bot/src/dispatch/backoff.js";
import { decide, type RetryPolicy } from "../../../bot/src/dispatch/outcomes.js";
import type { SendOutcome, UnreachableReason } from "../../../bot/src/dispatch/sender.js";

const policy: RetryPolicy = { maxAttempts: 4, backoff: { baseMs: 1000, maxMs: 30_000 } };
const half = () => 0.5;

describe("what a send's outcome leads to (every status Teams answers)", () => {
  it("records a sent message with its activity", () => {
    const d = decide({ kind: "sent", activityId: "a1", conversationId: "c1", updated: false }, 1, policy);
    assert.deepEqual(d, { action: "sent", activityId: "a1", conversationId: "c1" });
  });

  it("marks 403/404 answers unreachable at once, with the reason, and never retries them", () => {
    const reasons: UnreachableReason[] = [
      "blockedByUser",
      "notInstalled",
      "disabledByAdmin",
      "conversationNotFound",
      "unknownPerson",
    ];
    for (const reason of reasons) {
      const d = decide({ kind: "unreachable", reason, detail: "403" }, 1, policy);
      assert.deepEqual(d, { action: "final", state: "unreachable", reason, detail: "403" });
    }
  });

  it("retries 429 no sooner than Retry-After and slows every sender for that long", () => {
    const d = decide({ kind: "throttled", retryAfterMs: 7000 }, 1, policy, half);
    assert.equal(d.action, "retry");
    assert.ok(d.action === "retry" && d.delayMs >= 7000 && d.throttleMs === 7000 && d.reason === "throttled");
  });

  it("backs off exponentially on 429 without Retry-After, and pauses everyone for the same time", () => {
    const delays = [1, 2, 3].map((n) => decide({ kind: "throttled" }, n, policy, half));
    assert.deepEqual(
      delays.map((d) => (d.action === "retry" ? [d.delayMs, d.throttleMs] : d.action)),
      [
        [750, 750],
        [1500, 1500],
        [3000, 3000],
      ],
    );
  });

  it("retries 412, 500, 502, 503, 504, 408 and network failures, then fails with the last status", () => {
    for (const status of [412, 500, 502, 503, 504, 408, undefined]) {
      const outcome: SendOutcome =
        status === undefined
          ? { kind: "transient", detail: "ECONNRESET" }
          : { kind: "transient", status, detail: "x" };
      const first = decide(outcome, 1, policy, half);
      assert.equal(first.action, "retry", `status ${status}`);
      const last = decide(outcome, policy.maxAttempts, policy, half);
      assert.deepEqual(last.action === "final" && [last.state, last.reason], [
        "failed",
        status ? `http${status}` : "network",
      ]);
    }
  });

  it("fails other 4xx answers at once: repeating a bad request cannot help", () => {
    for (const status of [400, 405, 413, 415]) {
      const d = decide({ kind: "transient", status, detail: "bad" }, 1, policy);
      assert.deepEqual(d.action === "final" && [d.state, d.reason], ["failed", `http${status}`]);
    }
  });

  it("gives up on 429 after the last attempt", () => {
    const d = decide({ kind: "throttled", retryAfterMs: 1000 }, policy.maxAttempts, policy);
    assert.deepEqual(d, { action: "final", state: "failed", reason: "throttled" });
  });

  it("halts everything on 401 (the bot's credentials), without blaming the recipient", () => {
    assert.deepEqual(decide({ kind: "unauthorized", detail: "401" }, 1, policy), {
      action: "halt",
      reason: "unauthorized",
      detail: "401",
    });
  });
});

describe("retry delays", () => {
  it("double per failure, stay within [half, full] of the exponential value, and are capped", () => {
    const p = { baseMs: 100, maxMs: 1000 };
    for (let failures = 1; failures <= 8; failures++) {
      const full = Math.min(1000, 100 * 2 ** (failures - 1));
      assert.equal(
        retryDelayMs(failures, p, undefined, () => 0),
        full / 2,
      );
      assert.equal(
        retryDelayMs(failures, p, undefined, () => 0.999999),
        Math.round(full * 0.9999995),
      );
    }
  });

  it("never undercut Retry-After", () => {
    assert.equal(
      retryDelayMs(1, { baseMs: 100, maxMs: 1000 }, 5000, () => 0.3),
      5000,
    );
  });
});
