// Feedback on accessibility is answered within 14 days (Act 306/2019), counted in Helsinki days.
import assert from "node:assert/strict";
import { feedbackAnswerDue } from "@goal-forecast/core/domain/feedback";

describe("the date by which feedback is answered", () => {
  it("is 14 Helsinki calendar days after it arrived", () => {
    assert.equal(feedbackAnswerDue("2026-12-08T10:00:00.000Z"), "2026-12-22");
    // 23:30 in Helsinki is still the 8th; 00:30 is already the 9th, whatever the server's clock says.
    assert.equal(feedbackAnswerDue("2026-12-08T21:30:00.000Z"), "2026-12-22");
    assert.equal(feedbackAnswerDue("2026-12-08T22:30:00.000Z"), "2026-12-23");
    // Across the start of summer time.
    assert.equal(feedbackAnswerDue("2026-03-20T21:30:00.000Z"), "2026-04-03");
  });
});
