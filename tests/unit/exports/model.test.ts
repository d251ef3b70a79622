import assert from "node:assert/strict";
import { subjectsOfRound } from "@goal-forecast/core/domain/subjects";
import { buildExportModel } from "../../../bot/src/exports/model.js";
import { register, report, round } from "../../support/fixtures.js";

describe("export model", () => {
  const model = (reports: ReturnType<typeof report>[]) =>
    buildExportModel({
      round: round(),
      register,
      subjects: subjectsOfRound(round(), register.goals),
      reports,
      lang: "en",
      now: new Date("2026-03-20T10:00:00Z"),
    });
  const move = (subjectId: string, state: "draft" | "submitted", verdict: "onTrack" | "atRisk") =>
    report({ subjectId, goalId: "g-move", state, verdict, milestones: [] });

  it("gives a goal with projects its weakest project's verdict, in theme order", () => {
    const m = model([
      report({ verdict: "achieved" }),
      move("g-move-seniors", "submitted", "onTrack"),
      move("g-move-kids", "submitted", "atRisk"),
    ]);
    assert.deepEqual(
      m.groups.map((g) => [g.theme.name, g.rows.map((r) => [r.goalId, r.verdict.code])]),
      [
        ["Most functional city", [["g-digi", "achieved"]]],
        ["Uudistuvat palvelut", [["g-move", "atRisk"]]],
      ],
    );
  });

  it("shows a draft it may show, marked, but counts only submitted verdicts", () => {
    const m = model([move("g-move-seniors", "submitted", "onTrack"), move("g-move-kids", "draft", "atRisk")]);
    const row = m.groups.flatMap((g) => g.rows).find((r) => r.goalId === "g-move");
    assert.match(row?.forecastText ?? "", /Pienet lapset: At risk \(/);
    assert.deepEqual(m.counts.verdicts, { achieved: 0, onTrack: 1, atRisk: 0, notAchieved: 0, none: 2 });
    assert.equal(m.counts.submitted, 1);
  });
});
