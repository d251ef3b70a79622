import assert from "node:assert/strict";
import { findSubject, subjectsOfRound } from "@goal-forecast/core/domain/subjects";
import { validateReport } from "@goal-forecast/core/domain/validation";
import { readDemoData } from "../../bot/src/register/demo.js";

describe("demo data from the seeds", () => {
  const { register, history } = readDemoData();
  const people = new Set(register.people.map((p) => p.id));
  const themes = new Set(register.themes.map((t) => t.id));

  it("parses with the import schemas and has unique ids", () => {
    const ids = [
      ...register.goals.map((g) => g.id),
      ...register.goals.flatMap((g) => g.projects.map((p) => p.id)),
    ];
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(people.size, register.people.length);
  });

  it("refers only to known themes and people, with one or two owners per goal", () => {
    for (const goal of register.goals) {
      assert.ok(themes.has(goal.themeId), `${goal.id}: theme ${goal.themeId}`);
      assert.ok(goal.ownerIds.length >= 1 && goal.ownerIds.length <= 2, `${goal.id}: owners`);
      for (const id of [
        ...goal.ownerIds,
        ...goal.preparerIds,
        ...goal.projects.flatMap((p) => [...p.ownerIds, ...p.preparerIds]),
      ]) {
        assert.ok(people.has(id), `${goal.id}: person ${id}`);
      }
    }
    for (const person of register.people) if (person.managerId) assert.ok(people.has(person.managerId));
  });

  it("has every report valid for its subject and round", () => {
    const rounds = new Map(history.rounds.map((r) => [r.id, r]));
    for (const report of history.reports) {
      const round = rounds.get(report.roundId);
      assert.ok(round, `${report.roundId} exists`);
      const subject = findSubject(register, report.subjectId);
      assert.ok(subject, `${report.subjectId} exists`);
      assert.ok(round.goalIds.includes(subject.goalId), `${report.subjectId} belongs to ${round.id}`);
      const result = validateReport(report, subject, "import");
      assert.ok(
        result.ok,
        `${report.roundId}/${report.subjectId}: ${JSON.stringify(!result.ok && result.errors)}`,
      );
    }
  });

  it("holds the 2020 decks: Liikkumisohjelma's four projects, both rounds fully reported", () => {
    const move = register.goals.find((g) => g.id === "2020-liikkumisohjelma");
    assert.equal(move?.projects.length, 4);
    for (const id of ["2020-1", "2020-2"]) {
      const round = history.rounds.find((r) => r.id === id)!;
      const subjects = subjectsOfRound(round, register.goals)
        .map((s) => s.id)
        .sort();
      const reported = history.reports
        .filter((r) => r.roundId === id)
        .map((r) => r.subjectId)
        .sort();
      assert.deepEqual(reported, subjects, `${id} has one report per subject`);
    }
  });

  it("keeps the moves the seeds tell between March and June 2020", () => {
    const verdict = (round: string, subject: string) =>
      history.reports.find((r) => r.roundId === round && r.subjectId === subject)?.verdict;
    assert.equal(verdict("2020-1", "2020-liikkumisohjelma-ikaihmiset"), "atRisk");
    assert.equal(verdict("2020-2", "2020-liikkumisohjelma-ikaihmiset"), "notAchieved");
    assert.equal(verdict("2020-1", "2020-liikkumisohjelma-nuoret"), "onTrack");
    assert.equal(verdict("2020-2", "2020-liikkumisohjelma-nuoret"), "atRisk");
    const teams = history.reports.find(
      (r) => r.roundId === "2020-2" && r.subjectId === "2020-digitalisaatio",
    )!;
    assert.equal(teams.milestones[0]?.status, "done");
  });

  it("names no real person: every address is at example.org", () => {
    for (const person of register.people) assert.match(person.upn, /@example\.org$/);
  });
});
