// Dates of a round's calendar, in the division's time zone (Europe/Helsinki), whatever the server's
// or the browser's own time zone is.

/** A due date given as a day alone means this hour, Finnish time: the division's usual deadline. */
export const DEFAULT_DUE_HOUR = 16;

export const TIME_ZONE = "Europe/Helsinki";

/** `date` at `hour`:00 in Helsinki, as an ISO instant (handles summer time). */
export function helsinkiTime(date: string, hour: number): string {
  const guess = new Date(`${date}T${String(hour).padStart(2, "0")}:00:00Z`);
  const offset = offsetMinutes(guess, TIME_ZONE);
  const first = new Date(guess.getTime() - offset * 60_000);
  // Around a change of summer time the offset at the result may differ from the guess's: use it.
  const again = offsetMinutes(first, TIME_ZONE);
  return new Date(guess.getTime() - again * 60_000).toISOString();
}

function offsetMinutes(at: Date, timeZone: string): number {
  const part = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName")?.value;
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(part ?? "");
  if (!m) return 0;
  return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}
