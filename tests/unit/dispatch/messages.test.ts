import assert from "node:assert/strict";
import { decodeMessage, encodeMessage } from "../../../bot/src/dispatch/messages.js";

describe("dispatch queue messages", () => {
  it("round-trip", () => {
    const m = { roundId: "2026-2", batchId: "checkin", personId: "p-1", kind: "checkin" as const };
    assert.deepEqual(decodeMessage(encodeMessage(m)), { ok: true, message: m });
  });

  it("say why a message cannot be handled (it then goes to the poison queue)", () => {
    assert.deepEqual(decodeMessage("{nope"), { ok: false, reason: "notJson" });
    for (const bad of [
      "{}",
      JSON.stringify({ v: 2, round: "r", batch: "b", person: "p", kind: "checkin" }),
      JSON.stringify({ v: 1, round: "r", batch: "b", person: "p/../x", kind: "checkin" }),
      JSON.stringify({ v: 1, round: "r", batch: "b", person: "p", kind: "spam" }),
      JSON.stringify({ v: 1, round: "r", batch: "b", person: "p", kind: "checkin", extra: 1 }),
    ])
      assert.deepEqual(decodeMessage(bad), { ok: false, reason: "badShape" }, bad);
  });
});
