import assert from "node:assert/strict";
import { countedVerdict, isCounted, verdictCounts } from "@goal-forecast/core/domain/counted-verdicts";

describe("which reports count", () => {
  it("counts a submitted report's verdict, and a draft or a missing report as none", () => {
    assert.equal(countedVerdict({ status: "submitted", verdict: "atRisk" }), "atRisk");
    assert.equal(countedVerdict({ status: "draft", verdict: "atRisk" }), "none");
    assert.equal(countedVerdict({ status: "missing" }), "none");
    assert.equal(countedVerdict({ status: "submitted" }), "none", "submitted without a verdict");
    assert.ok(isCounted({ state: "submitted" }));
    assert.ok(!isCounted({ state: "draft" }));
    assert.ok(!isCounted(undefined));
  });

  it("gives the board's verdict distribution, every subject counted once", () => {
    const counts = verdictCounts([
      { status: "submitted", verdict: "onTrack" },
      { status: "submitted", verdict: "onTrack" },
      { status: "draft", verdict: "notAchieved" },
      { status: "missing" },
    ]);
    assert.deepEqual(counts, { achieved: 0, onTrack: 2, atRisk: 0, notAchieved: 0, none: 2 });
  });
});
