import assert from "node:assert/strict";
import { findSubject } from "@goal-forecast/core/domain/subjects";
import { validateReport } from "@goal-forecast/core/domain/validation";
import { describeError } from "@goal-forecast/core/i18n";
import { goals } from "../../support/fixtures.js";

const digi = findSubject({ goals }, "g-digi")!;
const complete = {
  milestones: [
    { milestoneId: "m1", status: "done", actual: "82" },
    { milestoneId: "m2", status: "inProgress", actual: 12 },
    { milestoneId: "m3", status: "notStarted" },
  ],
  progress: "60",
  verdict: "onTrack",
  narrative: "  Etenee suunnitellusti.\r\n",
  risks: [
    { risk: "Korona", mitigation: "Etätyö" },
    { risk: "", mitigation: "" },
  ],
};

describe("report validation", () => {
  it("accepts a complete report on submit and cleans it", () => {
    const result = validateReport(complete, digi, "submit");
    assert.ok(result.ok);
    assert.equal(result.value.progress, 60);
    assert.equal(result.value.milestones[0]?.actual, 82);
    assert.equal(result.value.narrative, "Etenee suunnitellusti.");
    assert.deepEqual(
      result.value.risks,
      [{ risk: "Korona", mitigation: "Etätyö" }],
      "an empty risk row is no risk",
    );
  });

  it("lets a draft be half-filled but requires everything on submit", () => {
    assert.ok(validateReport({ narrative: "Aloitettu" }, digi, "draft").ok);
    const result = validateReport({ narrative: "Aloitettu" }, digi, "submit");
    assert.ok(!result.ok);
    const fields = result.errors.map((e) => `${e.field}:${e.code}`);
    assert.ok(fields.includes("verdict:required"));
    assert.ok(fields.includes("progress:required"));
    assert.ok(fields.includes("milestones.m1.status:required"));
  });

  it("refuses out-of-range, non-numeric and wrongly typed values, each next to its field", () => {
    const result = validateReport(
      {
        ...complete,
        progress: 101,
        verdict: "maybe",
        milestones: [
          { milestoneId: "m1", status: "done", actual: "lots" },
          { milestoneId: "m2", status: "inProgress", actual: 2.5 },
        ],
      },
      digi,
      "draft",
    );
    assert.ok(!result.ok);
    assert.deepEqual(result.errors.map((e) => `${e.field}:${e.code}`).sort(), [
      "milestones.m1.actual:notANumber",
      "milestones.m2.actual:notAnInteger",
      "progress:outOfRange",
      "verdict:invalidChoice",
    ]);
  });

  it("refuses a 50 kB narrative and says the limit in the person's language", () => {
    const result = validateReport({ ...complete, narrative: "x".repeat(50_000) }, digi, "submit");
    assert.ok(!result.ok);
    const error = result.errors.find((e) => e.field === "narrative")!;
    assert.equal(error.code, "tooLong");
    assert.match(describeError(error, "fi"), /enintään 3000 merkkiä/);
    assert.match(describeError(error, "sv"), /högst 3000 tecken/);
    assert.match(describeError(error, "en"), /at most 3000 characters/);
  });

  it("refuses unknown and duplicated milestones and a value on a milestone without a target", () => {
    const result = validateReport(
      {
        ...complete,
        milestones: [
          ...complete.milestones,
          { milestoneId: "nope", status: "done" },
          { milestoneId: "m3", status: "done", actual: 3 },
        ],
      },
      digi,
      "submit",
    );
    assert.ok(!result.ok);
    const codes = result.errors.map((e) => `${e.field}:${e.code}`);
    assert.ok(codes.includes("milestones.nope:unknownMilestone"));
    assert.ok(codes.includes("milestones.m3:duplicate"));
  });

  it("requires a mitigation for each risk on submit, not in a draft", () => {
    const input = { ...complete, risks: [{ risk: "Rahoitus", mitigation: "" }] };
    assert.ok(validateReport(input, digi, "draft").ok);
    const result = validateReport(input, digi, "submit");
    assert.ok(!result.ok);
    assert.equal(result.errors[0]?.field, "risks.0.mitigation");
  });

  it("caps percent actuals at 100", () => {
    const result = validateReport(
      { ...complete, milestones: [{ milestoneId: "m1", status: "done", actual: 120 }] },
      digi,
      "draft",
    );
    assert.ok(!result.ok);
    assert.equal(result.errors[0]?.code, "outOfRange");
  });
});
