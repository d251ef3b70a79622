import assert from "node:assert/strict";
import {
  DUE_DAY_LEAD_MS,
  dueEscalation,
  dueReminder,
  reminderBatchId,
  reminderSlots,
} from "../../../bot/src/dispatch/schedule.js";
import { round } from "../../support/fixtures.js";

const DAY = 86_400_000;
const due = "2026-05-29T13:00:00.000Z";
const open = round({
  state: "open",
  dueAt: due,
  opensAt: "2026-05-01T08:00:00.000Z",
  reminderDays: [7, 2, 0],
});
const at = (ms: number) => new Date(new Date(due).getTime() + ms);

describe("reminder schedule", () => {
  it("plans reminders 7 and 2 days before the due date and on the due day, a few hours before the deadline", () => {
    assert.deepEqual(
      reminderSlots(open).map((s) => [s.days, s.at.toISOString()]),
      [
        [7, "2026-05-22T13:00:00.000Z"],
        [2, "2026-05-27T13:00:00.000Z"],
        [0, new Date(new Date(due).getTime() - DUE_DAY_LEAD_MS).toISOString()],
      ],
    );
  });

  it("fires nothing before the first slot, then the slot that has passed", () => {
    assert.equal(dueReminder(open, at(-8 * DAY)), undefined);
    assert.equal(dueReminder(open, at(-7 * DAY))?.days, 7);
    assert.equal(dueReminder(open, at(-3 * DAY))?.days, 7);
    assert.equal(dueReminder(open, at(-2 * DAY + 1))?.days, 2);
    assert.equal(dueReminder(open, at(-1000))?.days, 0);
  });

  it("after an outage fires only the latest missed slot, not every stale one", () => {
    assert.equal(dueReminder(open, at(-DUE_DAY_LEAD_MS + 60_000))?.days, 0);
  });

  it("skips slots that passed before the round opened, and fires nothing after the due date or when not open", () => {
    const lateOpen = { ...open, opensAt: at(-3 * DAY).toISOString() };
    assert.equal(dueReminder(lateOpen, at(-3 * DAY + 1000)), undefined, "the 7-day slot was before opening");
    assert.equal(dueReminder(lateOpen, at(-2 * DAY))?.days, 2);
    assert.equal(dueReminder(open, at(1)), undefined);
    assert.equal(dueReminder({ ...open, state: "closed" }, at(-DAY)), undefined);
  });

  it("plans anew when the due date is extended (new batch ids)", () => {
    const extended = { ...open, dueAt: at(7 * DAY).toISOString() };
    assert.notEqual(reminderBatchId(2, open.dueAt), reminderBatchId(2, extended.dueAt));
    assert.equal(dueReminder(extended, at(-1000)), undefined, "a week before the new date: nothing yet");
    assert.equal(dueReminder(extended, at(1000))?.days, 7);
  });

  it("escalates once the due date has passed while the round is open", () => {
    assert.equal(dueEscalation(open, at(-1)), undefined);
    assert.equal(dueEscalation(open, at(0))?.batchId, "escalation-20260529T1300");
    assert.equal(dueEscalation({ ...open, state: "closed" }, at(DAY)), undefined);
  });
});
