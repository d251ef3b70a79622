// The sender's goals cache: a round's check-ins share one read of the year's goals, a write through
// the cache is seen at once, and an edit elsewhere within the cache time at the latest.
import assert from "node:assert/strict";
import type { Goal } from "@goal-forecast/core/domain/model";
import type { RegisterStore } from "../../../bot/src/storage/register.js";
import { CachedGoalsRegister } from "../../../bot/src/storage/register-cache.js";
import { goals as fixtureGoals } from "../../support/fixtures.js";

class CountingRegister {
  reads = 0;
  goalsNow: Goal[] = fixtureGoals;
  async goals(): Promise<Goal[]> {
    this.reads += 1;
    return this.goalsNow.map((g) => ({ ...g }));
  }
  async saveGoal(goal: Goal): Promise<void> {
    this.goalsNow = [...this.goalsNow.filter((g) => g.id !== goal.id), goal];
  }
}

describe("CachedGoalsRegister", () => {
  let clock: number;
  let inner: CountingRegister;
  let cached: CachedGoalsRegister;
  beforeEach(() => {
    clock = 0;
    inner = new CountingRegister();
    cached = new CachedGoalsRegister(inner as unknown as RegisterStore, 10_000, () => clock);
  });

  it("reads the goals once for many concurrent and later cards within the cache time", async () => {
    const all = await Promise.all(Array.from({ length: 20 }, () => cached.goals(2026)));
    clock = 9_999;
    await cached.goals(2026);
    assert.equal(inner.reads, 1);
    assert.ok(all.every((g) => g === all[0]));
  });

  it("shows an edit made elsewhere after the cache time, and its own writes at once", async () => {
    await cached.goals(2026);
    inner.goalsNow = [{ ...fixtureGoals[0]!, title: "Edited elsewhere" }];
    assert.notEqual((await cached.goals(2026))[0]?.title, "Edited elsewhere");
    clock = 10_000;
    assert.equal((await cached.goals(2026))[0]?.title, "Edited elsewhere");

    await cached.saveGoal({ ...fixtureGoals[0]!, title: "Edited here" });
    assert.ok((await cached.goals(2026)).some((g) => g.title === "Edited here"));
  });
});
