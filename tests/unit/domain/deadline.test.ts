import assert from "node:assert/strict";
import {
  DEFAULT_DUE_TIME,
  daysLeft,
  helsinkiDueAt,
  helsinkiTime,
  helsinkiYear,
  reminderTimes,
} from "@goal-forecast/core/domain/deadline";

/** Runs `fn` as if the machine (or the admin's browser) were in another time zone. */
function inProcessZone<T>(zone: string, fn: () => T): T {
  const saved = process.env.TZ;
  process.env.TZ = zone;
  try {
    return fn();
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
}

/** "2026-03-29 16:00" as Helsinki reads the instant. */
const helsinkiClock = (at: Date): string =>
  new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Helsinki",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).format(at);

describe("deadline in Helsinki time", () => {
  it("reads a date alone as 16:00 Finnish time, in winter and in summer", () => {
    assert.equal(helsinkiTime("2026-01-15", 16), "2026-01-15T14:00:00.000Z");
    assert.equal(helsinkiTime("2026-06-15", 16), "2026-06-15T13:00:00.000Z");
    // The days summer time begins and ends (the change is at night; 16:00 is after it).
    assert.equal(helsinkiTime("2026-03-29", 16), "2026-03-29T13:00:00.000Z");
    assert.equal(helsinkiTime("2026-10-25", 16), "2026-10-25T14:00:00.000Z");
  });

  it("refuses a day that does not exist instead of moving it to the next month", () => {
    assert.ok(Number.isNaN(new Date(helsinkiTime("2026-02-30", 16)).getTime()));
    assert.equal(helsinkiDueAt("2026-02-30", "16:00"), undefined);
    assert.equal(helsinkiDueAt("2026-13-01", "16:00"), undefined);
  });

  it("reads years before 100 as they are written, not as 19xx (found by the OpenAPI property test)", () => {
    // 0000 is a leap year in the proleptic calendar that ISO 8601 and JSON Schema's "date" use; 1900 is not.
    assert.match(helsinkiTime("0000-02-29", 16), /^0000-02-29T/);
    assert.ok(Number.isNaN(new Date(helsinkiTime("1900-02-29", 16)).getTime()));
  });

  it("reads the admin dialog's date and time as Helsinki time, 16:00 when no time is given", () => {
    assert.equal(DEFAULT_DUE_TIME, "16:00");
    assert.equal(helsinkiDueAt("2026-03-31", "16:00"), "2026-03-31T13:00:00.000Z");
    assert.equal(helsinkiDueAt("2026-03-31", ""), "2026-03-31T13:00:00.000Z");
    assert.equal(helsinkiDueAt("2026-12-01", "09:30"), "2026-12-01T07:30:00.000Z");
    assert.equal(helsinkiDueAt("", "16:00"), undefined);
    assert.equal(helsinkiDueAt("2026-03-31", "25:00"), undefined);
    assert.equal(helsinkiDueAt("2026-03-31", "4 pm"), undefined);
  });

  it("gives the same deadline whatever the browser's time zone (the tab used to read it in its own)", () => {
    for (const zone of ["America/New_York", "Asia/Tokyo", "UTC", "Europe/Helsinki"]) {
      const chosen = inProcessZone(zone, () => helsinkiDueAt("2026-03-31", "16:00"));
      assert.equal(chosen, "2026-03-31T13:00:00.000Z", zone);
    }
    // What the tab did before: a browser in New York sent 16:00 New York time, 23:00 in Helsinki.
    const before = inProcessZone("America/New_York", () => new Date("2026-03-31T16:00").toISOString());
    assert.equal(helsinkiClock(new Date(before)), "2026-03-31 23:00");
  });
});

describe("reminder dates", () => {
  it("lists reminders before the due date, earliest first, without duplicates", () => {
    const times = reminderTimes({ dueAt: "2026-02-20T14:00:00.000Z", reminderDays: [0, 7, 2, 7] });
    assert.deepEqual(
      times.map((t) => t.days),
      [7, 2, 0],
    );
    assert.deepEqual(
      times.map((t) => helsinkiClock(t.at)),
      ["2026-02-13 16:00", "2026-02-18 16:00", "2026-02-20 16:00"],
    );
  });

  it("keeps 16:00 local time when summer time begins in between (last Sunday of March)", () => {
    // Due Tuesday 31 March 2026 16:00; clocks went forward on Sunday 29 March.
    const times = reminderTimes({ dueAt: helsinkiTime("2026-03-31", 16), reminderDays: [7, 2] });
    assert.deepEqual(
      times.map((t) => helsinkiClock(t.at)),
      ["2026-03-24 16:00", "2026-03-29 16:00"],
    );
    // 7 × 24 h before would have been 15:00 on the 24th.
    assert.equal(times[0]?.at.toISOString(), "2026-03-24T14:00:00.000Z");
  });

  it("keeps 16:00 local time when summer time ends in between (last Sunday of October)", () => {
    // Due Tuesday 27 October 2026 16:00; clocks went back on Sunday 25 October.
    const times = reminderTimes({ dueAt: helsinkiTime("2026-10-27", 16), reminderDays: [7, 2, 0] });
    assert.deepEqual(
      times.map((t) => helsinkiClock(t.at)),
      ["2026-10-20 16:00", "2026-10-25 16:00", "2026-10-27 16:00"],
    );
    assert.equal(times[0]?.at.toISOString(), "2026-10-20T13:00:00.000Z");
  });

  it("counts days left as calendar days in Helsinki", () => {
    const due = helsinkiTime("2026-03-31", 16);
    assert.equal(daysLeft(due, new Date("2026-03-29T13:00:00.000Z")), 2, "two days before, at 16:00");
    assert.equal(daysLeft(due, new Date("2026-03-29T20:30:00.000Z")), 2, "23:30 on Sunday");
    assert.equal(daysLeft(due, new Date("2026-03-29T21:30:00.000Z")), 1, "00:30 on Monday, Helsinki time");
    assert.equal(daysLeft(due, new Date("2026-03-31T06:00:00.000Z")), 0, "the morning of the due day");
    assert.equal(daysLeft(due, new Date("2026-04-01T08:00:00.000Z")), -1, "the day after");
  });
});

describe("the year in Helsinki", () => {
  it("turns at midnight Finnish time, not at the browser's midnight", () => {
    assert.equal(helsinkiYear(new Date("2026-12-31T21:59:00.000Z")), 2026);
    assert.equal(helsinkiYear(new Date("2026-12-31T22:01:00.000Z")), 2027, "00:01 on New Year's Day");
    const newYork = inProcessZone("America/New_York", () =>
      helsinkiYear(new Date("2026-12-31T22:01:00.000Z")),
    );
    assert.equal(newYork, 2027);
  });
});
