import assert from "node:assert/strict";
import { diffReports, verdictDrift } from "@goal-forecast/core/domain/diff";
import { subjectsOfRound } from "@goal-forecast/core/domain/subjects";
import { summarizeRound } from "@goal-forecast/core/domain/summary";
import { responseStatus } from "@goal-forecast/core/domain/status";
import { goals, report, round, themes } from "../../support/fixtures.js";

describe("round summary", () => {
  const subjects = subjectsOfRound(round(), goals);

  it("counts responses and verdicts, grouped by theme in theme order", () => {
    const summary = summarizeRound(
      round(),
      subjects,
      [
        report(),
        report({
          subjectId: "g-move-seniors",
          goalId: "g-move",
          state: "draft",
          verdict: "atRisk",
          milestones: [],
        }),
      ],
      themes,
    );
    assert.equal(summary.total, 3);
    assert.deepEqual(summary.counts, { missing: 1, draft: 1, submitted: 1 });
    assert.equal(summary.responseRate, 1 / 3);
    assert.equal(summary.verdicts.onTrack, 1);
    assert.equal(summary.verdicts.atRisk, 0, "a draft's verdict does not count");
    assert.equal(summary.verdicts.none, 2);
    assert.deepEqual(
      summary.themes.map((t) => t.theme.id),
      ["toimivin", "palvelut"],
    );
    assert.deepEqual(
      summary.themes[1]?.subjects.map((s) => s.status),
      ["draft", "missing"],
    );
  });

  it("ignores reports of other rounds", () => {
    const summary = summarizeRound(round(), subjects, [report({ roundId: "2025-3" })], themes);
    assert.equal(summary.counts.missing, 3);
  });

  it("has a response rate of 0 for an empty round", () => {
    assert.equal(summarizeRound(round(), [], [], themes).responseRate, 0);
  });

  it("tells missing, draft and submitted apart", () => {
    assert.equal(responseStatus(undefined), "missing");
    assert.equal(responseStatus({ state: "draft" }), "draft");
    assert.equal(responseStatus({ state: "submitted" }), "submitted");
  });
});

describe("diff of two rounds", () => {
  it("finds the verdict change, milestones moved, new and closed risks", () => {
    const march = report({
      verdict: "atRisk",
      progress: 30,
      risks: [
        { risk: "Korona", mitigation: "-" },
        { risk: "Budjetti", mitigation: "-" },
      ],
    });
    const june = report({
      verdict: "notAchieved",
      progress: 30,
      milestones: [
        { milestoneId: "m1", status: "done" },
        { milestoneId: "m2", status: "done" },
        { milestoneId: "m3", status: "notStarted" },
      ],
      risks: [
        { risk: "  korona ", mitigation: "x" },
        { risk: "Apotti", mitigation: "y" },
      ],
    });
    const diff = diffReports(march, june);
    assert.deepEqual(diff.verdict, { from: "atRisk", to: "notAchieved" });
    assert.equal(diff.progress, undefined);
    assert.deepEqual(diff.milestonesMoved, [{ milestoneId: "m2", from: "inProgress", to: "done" }]);
    assert.deepEqual(
      diff.newRisks.map((r) => r.risk),
      ["Apotti"],
    );
    assert.deepEqual(
      diff.closedRisks.map((r) => r.risk),
      ["Budjetti"],
    );
    assert.ok(diff.changed);
    assert.equal(verdictDrift("atRisk", "notAchieved"), 1);
    assert.equal(verdictDrift("onTrack", "achieved"), -1);
  });

  it("counts no risk as closed for a subject not yet reported in the later round", () => {
    const march = report({
      risks: [
        { risk: "Korona", mitigation: "Etätyö" },
        { risk: "Budjetti", mitigation: "z" },
      ],
    });
    const unreported = diffReports(march, undefined);
    assert.deepEqual(unreported.closedRisks, [], "no later report");
    const draft = diffReports(march, report({ state: "draft", risks: [] }));
    assert.deepEqual(draft.closedRisks, [], "only a draft in the later round");
    const submitted = diffReports(
      march,
      report({ state: "submitted", risks: [{ risk: "korona", mitigation: "x" }] }),
    );
    assert.deepEqual(
      submitted.closedRisks.map((r) => r.risk),
      ["Budjetti"],
      "reported without it: closed",
    );
  });

  it("reports no change for identical reports", () => {
    assert.equal(diffReports(report(), report()).changed, false);
  });
});
