import assert from "node:assert/strict";
import fc from "fast-check";
import { ConversationPacer, TenantPacer, type Timers } from "../../../bot/src/dispatch/pacing.js";

/** A clock that only moves when told: pacing decisions become deterministic. */
class FakeTimers implements Timers {
  private t = 0;
  private seq = 0;
  private readonly pending = new Map<number, { at: number; fn: () => void }>();
  now = (): number => this.t;
  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = ++this.seq;
    this.pending.set(id, { at: this.t + Math.max(0, ms), fn });
    return id;
  };
  clearTimeout = (handle: unknown): void => {
    this.pending.delete(handle as number);
  };
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.setTimeout(resolve, ms));
  }
  /** Runs the earliest timer; false when none is left. */
  step(): boolean {
    const next = [...this.pending.entries()].sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
    if (!next) return false;
    this.pending.delete(next[0]);
    this.t = Math.max(this.t, next[1].at);
    next[1].fn();
    return true;
  }
}

const flush = (): Promise<void> => new Promise((r) => setImmediate(r));

/** Sends `latencies.length` requests through the pacer; returns when each reached the service. */
async function simulate(
  latencies: number[],
  arrivalShare: number[],
  budget: number,
  pause?: { at: number; until: number },
): Promise<{ arrivals: number[]; starts: number[]; end: number }> {
  const timers = new FakeTimers();
  let pausedUntil = 0;
  const pacer = new TenantPacer({
    windowMs: 1000,
    budget: () => budget,
    pausedUntil: () => pausedUntil,
    timers,
  });
  const arrivals: number[] = [];
  const starts: number[] = [];
  let done = 0;
  latencies.forEach((latency, i) => {
    void (async () => {
      const permit = await pacer.acquire();
      const start = timers.now();
      starts.push(start);
      arrivals.push(start + Math.floor(latency * (arrivalShare[i] ?? 0.5)));
      await timers.sleep(latency);
      permit.release();
      done += 1;
    })();
  });
  if (pause)
    timers.setTimeout(() => {
      pausedUntil = pause.until;
      pacer.poke();
    }, pause.at);
  for (let guard = 0; done < latencies.length && guard < 1_000_000; guard++) {
    await flush();
    if (done < latencies.length && !timers.step()) await flush();
  }
  return { arrivals, starts, end: timers.now() };
}

function maxInAnyWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[j]! <= sorted[i]! - windowMs) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

describe("tenant pacing", () => {
  it("never lets more than the budget arrive in any 1 s window, whatever the latencies", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 30, maxLength: 120 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 120, maxLength: 120 }),
        fc.integer({ min: 3, max: 20 }),
        async (latencies, shares, budget) => {
          const { arrivals } = await simulate(latencies, shares, budget);
          assert.ok(maxInAnyWindow(arrivals, 1000) <= budget);
        },
      ),
      { numRuns: 40, seed: 42 },
    );
  });

  it("reaches about the limit when answers are quick", async () => {
    const n = 500;
    const { end, arrivals } = await simulate(Array(n).fill(5), Array(n).fill(0.5), 50);
    assert.equal(arrivals.length, n);
    // 500 requests at 50/s take 10 s at best; each also holds its slot 5 ms longer than its window.
    assert.ok(end <= 10_300, `took ${end} ms of simulated time`);
    assert.ok(maxInAnyWindow(arrivals, 1000) <= 50);
  });

  it("sends nothing while paused (a 429's Retry-After), then carries on", async () => {
    const n = 200;
    const { starts } = await simulate(Array(n).fill(5), Array(n).fill(0.5), 50, { at: 1500, until: 6500 });
    const during = starts.filter((s) => s > 1500 && s < 6500);
    assert.deepEqual(during, []);
    assert.equal(starts.length, n);
  });

  it("hands out slots in the order they were asked for, and rejects waiters when closed", async () => {
    const timers = new FakeTimers();
    const pacer = new TenantPacer({ windowMs: 1000, budget: () => 1, pausedUntil: () => 0, timers });
    const order: number[] = [];
    const first = await pacer.acquire();
    const waits = [1, 2, 3].map((i) => pacer.acquire().then((p) => (order.push(i), p)));
    first.release();
    timers.step();
    (await waits[0])!.cancel(); // an unused slot does not count
    await flush();
    (await waits[1])!.release();
    pacer.close();
    await assert.rejects(waits[2]!, /pacer closed/);
    assert.deepEqual(order, [1, 2]);
  });
});

describe("per-conversation pacing", () => {
  it("keeps one conversation under 7/1 s, 8/2 s and 60/30 s", () => {
    let now = 0;
    const pacer = new ConversationPacer(undefined, () => now);
    const sent: number[] = [];
    while (sent.length < 70) {
      const wait = pacer.delayFor("p1");
      if (wait > 0) {
        now += wait;
        continue;
      }
      pacer.begin("p1");
      sent.push(now);
      now += 10;
      pacer.end("p1");
    }
    assert.ok(maxInAnyWindow(sent, 1000) <= 7);
    assert.ok(maxInAnyWindow(sent, 2000) <= 8);
    assert.ok(maxInAnyWindow(sent, 30_000) <= 60);
    assert.equal(pacer.delayFor("p2"), 0, "other conversations are not slowed");
  });

  it("forgets conversations after an hour", () => {
    let now = 0;
    const pacer = new ConversationPacer(undefined, () => now);
    pacer.begin("p1");
    pacer.end("p1");
    now += 3_600_001;
    pacer.sweep();
    assert.equal(pacer.size, 0);
  });
});
