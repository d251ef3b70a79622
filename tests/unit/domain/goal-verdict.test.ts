import assert from "node:assert/strict";
import { goalVerdict } from "@goal-forecast/core/domain/goal-verdict";

describe("the verdict of a goal", () => {
  it("is the least favourable of its projects' verdicts", () => {
    assert.equal(goalVerdict(["onTrack", "atRisk", "achieved"]), "atRisk");
    assert.equal(goalVerdict(["achieved", "notAchieved", "atRisk"]), "notAchieved");
    assert.equal(goalVerdict(["achieved"]), "achieved");
  });

  it("is not pulled by a project without a verdict, and is none when no project has one", () => {
    assert.equal(goalVerdict([undefined, "onTrack", undefined]), "onTrack");
    assert.equal(goalVerdict([undefined, undefined]), undefined);
    assert.equal(goalVerdict([]), undefined);
  });
});
