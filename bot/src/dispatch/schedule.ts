// A round's reminder and escalation schedule, derived from the round itself (due date, reminder days,
// when it opened). The round lives in storage, and so do the jobs that record which reminders went out
// (deterministic batch ids), so the schedule survives restarts and fires once across instances. Pure.
import type { Round } from "@goal-forecast/core/domain/model";
import { reminderTimes } from "@goal-forecast/core/domain/deadline";

export const CHECKIN_BATCH = "checkin";

/** The due-day reminder goes a few hours before the deadline, not at it. */
export const DUE_DAY_LEAD_MS = 4 * 3_600_000;

/** "20260531T1300": a due date in a key (UTC, to the minute). */
export function stamp(iso: string | Date): string {
  const d = typeof iso === "string" ? new Date(iso) : iso;
  return d.toISOString().slice(0, 16).replace(/[-:]/g, "");
}

export function reminderBatchId(days: number, dueAt: string): string {
  return `reminder-d${days}-${stamp(dueAt)}`;
}

export function escalationBatchId(dueAt: string): string {
  return `escalation-${stamp(dueAt)}`;
}

export interface ReminderSlot {
  days: number;
  at: Date;
  batchId: string;
}

/** Every planned reminder of the round, earliest first. */
export function reminderSlots(round: Pick<Round, "dueAt" | "reminderDays">): ReminderSlot[] {
  return reminderTimes(round).map(({ days, at }) => ({
    days,
    at: days === 0 ? new Date(at.getTime() - DUE_DAY_LEAD_MS) : at,
    batchId: reminderBatchId(days, round.dueAt),
  }));
}

/**
 * The reminder that should have gone out by `now`: the latest slot that has passed since the round
 * opened and before its due date. Only the latest: after a long outage owners get one reminder with
 * the right number of days, not three stale ones.
 */
export function dueReminder(
  round: Pick<Round, "state" | "dueAt" | "reminderDays" | "opensAt">,
  now: Date,
): ReminderSlot | undefined {
  if (round.state !== "open") return undefined;
  const opened = round.opensAt ? new Date(round.opensAt).getTime() : Number.NEGATIVE_INFINITY;
  const due = new Date(round.dueAt).getTime();
  if (now.getTime() >= due) return undefined;
  const passed = reminderSlots(round).filter(
    (s) => s.at.getTime() <= now.getTime() && s.at.getTime() >= opened,
  );
  return passed.at(-1);
}

/** After the due date of an open round: the escalation of what is still missing (once per due date). */
export function dueEscalation(
  round: Pick<Round, "state" | "dueAt">,
  now: Date,
): { batchId: string } | undefined {
  if (round.state !== "open") return undefined;
  return now.getTime() >= new Date(round.dueAt).getTime()
    ? { batchId: escalationBatchId(round.dueAt) }
    : undefined;
}
