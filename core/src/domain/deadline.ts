// Dates of a round's calendar, in the division's time zone (Europe/Helsinki), whatever the server's
// or the browser's own time zone is. Every wall-clock computation of the product goes through here:
// the deadline default, reminder dates and "days left". Arithmetic is done in calendar days in
// Helsinki (date-fns with @date-fns/tz), never as multiples of 24 hours, so a reminder "2 days
// before 16:00" is at 16:00 local time even when summer time begins or ends in between.
import { tz, TZDate } from "@date-fns/tz";
import { differenceInCalendarDays, subDays } from "date-fns";
import type { Round } from "./model.js";

/** A due date given as a day alone means this hour, Finnish time: the division's usual deadline. */
export const DEFAULT_DUE_HOUR = 16;

/** The same as the value of a time input ("16:00"), which the admin dialogs start from. */
export const DEFAULT_DUE_TIME = `${String(DEFAULT_DUE_HOUR).padStart(2, "0")}:00`;

export const TIME_ZONE = "Europe/Helsinki";

const inHelsinki = tz(TIME_ZONE);

/**
 * `date` at `hour`:00 in Helsinki, as an ISO instant (handles summer time). A day that does not
 * exist ("2026-02-30") gives "Invalid Date", as `String(new Date(NaN))` does, so that the caller's
 * date check refuses it with a 400 instead of a throw becoming a 500.
 */
export function helsinkiTime(date: string, hour: number): string {
  return wallClock(date, hour, 0) ?? String(new Date(Number.NaN));
}

/**
 * A date ("2026-03-31") and a time of day ("16:00"; empty means DEFAULT_DUE_TIME) read as Helsinki
 * wall-clock time, as an ISO instant; undefined when either is not a valid date or time. The tab's
 * date and time inputs go through this, so the browser's own time zone plays no part.
 */
export function helsinkiDueAt(date: string, time = ""): string | undefined {
  const t = /^(\d{2}):(\d{2})$/.exec(time.trim() || DEFAULT_DUE_TIME);
  if (!t) return undefined;
  const [hour, minute] = [Number(t[1]), Number(t[2])];
  if (hour > 23 || minute > 59) return undefined;
  return wallClock(date, hour, minute);
}

function wallClock(date: string, hour: number, minute: number): string | undefined {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  if (!d) return undefined;
  const [year, month, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
  const local = new TZDate(2000, 0, 1, hour, minute, 0, 0, TIME_ZONE);
  // Set apart from the constructor, which reads years 0–99 as 1900–1999 ("0000-02-29" would not exist).
  local.setFullYear(year, month - 1, day);
  // TZDate rolls "02-30" over to March: a date that does not exist is refused, not moved.
  if (Number.isNaN(local.getTime()) || local.getDate() !== day || local.getMonth() !== month - 1)
    return undefined;
  return new Date(local.getTime()).toISOString();
}

/** `days` calendar days before `at`, at the same Helsinki wall-clock time. */
export function calendarDaysBefore(at: Date | string, days: number): Date {
  return new Date(subDays(new Date(at), days, { in: inHelsinki }).getTime());
}

/** The instants at which a round's reminders fall due, earliest first: the due time, n days earlier. */
export function reminderTimes(round: Pick<Round, "dueAt" | "reminderDays">): { days: number; at: Date }[] {
  return [...new Set(round.reminderDays)]
    .filter((d) => Number.isInteger(d) && d >= 0)
    .sort((a, b) => b - a)
    .map((days) => ({ days, at: calendarDaysBefore(round.dueAt, days) }));
}

/**
 * Days from `now` to the due date as a Helsinki calendar counts them: 0 on the due day, 1 the day
 * before, negative once the due day has passed. A reminder's "2 days left" means this.
 */
export function daysLeft(dueAt: Date | string, now: Date): number {
  return differenceInCalendarDays(new Date(dueAt), now, { in: inHelsinki });
}

/** The year it is in Helsinki at `now`: the default year of a new round or of the register views. */
export function helsinkiYear(now: Date = new Date()): number {
  return new TZDate(now.getTime(), TIME_ZONE).getFullYear();
}
