import assert from "node:assert/strict";
import { transition } from "@goal-forecast/core/domain/rounds";
import { round } from "../../support/fixtures.js";

const now = new Date("2026-03-10T09:00:00.000Z");

describe("round lifecycle", () => {
  it("goes draft → open → closed → frozen", () => {
    const opened = transition(round({ state: "draft" }), { action: "open", now });
    assert.ok(opened.ok);
    assert.equal(opened.value.state, "open");
    assert.equal(opened.value.opensAt, now.toISOString());
    const closed = transition(opened.value, { action: "close", now });
    assert.ok(closed.ok && closed.value.state === "closed");
    const frozen = transition(closed.ok ? closed.value : round(), { action: "freeze", now });
    assert.ok(frozen.ok && frozen.value.state === "frozen");
  });

  it("rejects illegal transitions and says from which state", () => {
    for (const [state, action] of [
      ["draft", "close"],
      ["open", "freeze"],
      ["open", "open"],
      ["frozen", "reopen"],
      ["frozen", "open"],
      ["draft", "reopen"],
    ] as const) {
      const result = transition(round({ state }), { action, now });
      assert.ok(!result.ok, `${action} from ${state}`);
      assert.equal(result.errors[0]?.code, "illegalTransition");
      assert.equal(result.errors[0]?.params?.state, state);
    }
  });

  it("reopens a closed round (admin only, checked by the API) and clears the close time", () => {
    const result = transition(round({ state: "closed", closesAt: now.toISOString() }), {
      action: "reopen",
      now,
    });
    assert.ok(result.ok);
    assert.equal(result.value.state, "open");
    assert.equal(result.value.closesAt, undefined);
  });

  it("refuses to open a round without goals", () => {
    const result = transition(round({ state: "draft", goalIds: [] }), { action: "open", now });
    assert.ok(!result.ok);
    assert.equal(result.errors[0]?.field, "goalIds");
  });

  it("extends the due date only forward and only while not closed", () => {
    assert.ok(transition(round(), { action: "extend", now, dueAt: "2026-04-15T12:00:00.000Z" }).ok);
    assert.ok(!transition(round(), { action: "extend", now, dueAt: "2026-03-01T12:00:00.000Z" }).ok);
    assert.ok(!transition(round(), { action: "extend", now, dueAt: "not a date" }).ok);
    assert.ok(
      !transition(round({ state: "closed" }), { action: "extend", now, dueAt: "2026-04-15T12:00:00.000Z" })
        .ok,
    );
  });
});
