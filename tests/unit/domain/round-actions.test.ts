import assert from "node:assert/strict";
import type { RoundState } from "@goal-forecast/core/domain/model";
import { allowedActions, isLifecycleAction, ROUND_COMMANDS } from "@goal-forecast/core/domain/round-actions";
import { transition } from "@goal-forecast/core/domain/rounds";
import { round } from "../../support/fixtures.js";

const STATES: RoundState[] = ["draft", "open", "closed", "frozen"];

describe("allowed actions of a round", () => {
  it("offers what the planning office may do in each state", () => {
    assert.deepEqual(allowedActions("draft"), ["open", "extend", "substitute"]);
    assert.deepEqual(allowedActions("open"), ["close", "remind", "extend", "resend", "substitute"]);
    assert.deepEqual(allowedActions("closed"), ["reopen", "freeze"]);
    assert.deepEqual(allowedActions("frozen"), [], "frozen is final");
  });

  it("offers exactly the lifecycle actions the lifecycle then accepts", () => {
    const now = new Date("2026-03-10T09:00:00.000Z");
    for (const state of STATES) {
      for (const action of ROUND_COMMANDS) {
        if (!isLifecycleAction(action) && action !== "extend") continue;
        const result = transition(round({ state }), { action, now, dueAt: "2026-04-15T13:00:00.000Z" });
        assert.equal(result.ok, allowedActions(state).includes(action), `${action} from ${state}`);
      }
    }
  });
});
