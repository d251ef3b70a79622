// The deadline fields are text in the person's language (not the browser's mm/dd/yyyy and 04:00 PM),
// read as Helsinki wall-clock time whatever the browser's own time zone is.
import assert from "node:assert/strict";
import {
  dateFieldText,
  dueAtFromFields,
  parseDateField,
  parseTimeField,
  timeFieldText,
} from "@goal-forecast/core/i18n/format";

describe("date and time fields in the person's language", () => {
  it("show a date and a time as Finnish, Swedish and English write them", () => {
    assert.equal(dateFieldText("2026-03-31", "fi"), "31.3.2026");
    assert.equal(dateFieldText("2026-03-31", "sv"), "31.3.2026");
    assert.equal(dateFieldText("2026-03-31", "en"), "31/03/2026");
    assert.equal(timeFieldText("16:00", "fi"), "16.00");
    assert.equal(timeFieldText("09:30", "sv"), "09.30");
    assert.equal(timeFieldText("16:00", "en"), "16:00");
  });

  it("read what was typed, day first, and the ISO form", () => {
    assert.equal(parseDateField("31.3.2026"), "2026-03-31");
    assert.equal(parseDateField(" 1.12.2026 "), "2026-12-01");
    assert.equal(parseDateField("31/03/2026"), "2026-03-31");
    assert.equal(parseDateField("2026-03-31"), "2026-03-31");
    assert.equal(parseDateField("03/31"), undefined);
    assert.equal(parseDateField("huomenna"), undefined);
    assert.equal(parseTimeField("16.00"), "16:00");
    assert.equal(parseTimeField("9:30"), "09:30");
    assert.equal(parseTimeField("16"), "16:00");
    assert.equal(parseTimeField("4 PM"), undefined);
  });

  it("read a typed deadline as Helsinki time, summer and winter", () => {
    assert.equal(dueAtFromFields("31.3.2026", "16.00"), "2026-03-31T13:00:00.000Z");
    assert.equal(dueAtFromFields("15.1.2026", "16:00"), "2026-01-15T14:00:00.000Z");
    assert.equal(dueAtFromFields("15.1.2026", ""), "2026-01-15T14:00:00.000Z", "16:00 by default");
    assert.equal(dueAtFromFields("30.2.2026", "16.00"), undefined, "a day that does not exist");
    assert.equal(dueAtFromFields("31.3.2026", "25.00"), undefined);
    assert.equal(dueAtFromFields("31.3.2026", "klo 4"), undefined);
  });
});
