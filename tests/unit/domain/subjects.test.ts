import assert from "node:assert/strict";
import { assignmentsOf, recipientsOf, roleFor, subjectsOfRound } from "@goal-forecast/core/domain/subjects";
import { goals, round } from "../../support/fixtures.js";

describe("who must report what", () => {
  it("reports a goal with projects per project, and a goal without projects as itself", () => {
    const ids = subjectsOfRound(round(), goals).map((s) => s.id);
    assert.deepEqual(ids, ["g-digi", "g-move-seniors", "g-move-kids"]);
  });

  it("falls back to the goal's owners for a project without its own", () => {
    const kids = subjectsOfRound(round(), goals).find((s) => s.id === "g-move-kids")!;
    assert.deepEqual(kids.ownerIds, ["p-owner2"]);
  });

  it("gives each person their subjects with their strongest role, substitutes included", () => {
    const r = round({ substitutes: { "g-digi": "p-sub" } });
    const byPerson = recipientsOf(assignmentsOf(r, goals));
    assert.deepEqual(
      byPerson
        .get("p-owner")
        ?.map((a) => `${a.subjectId}:${a.role}`)
        .sort(),
      ["g-digi:owner", "g-move-seniors:owner"],
    );
    assert.deepEqual(
      byPerson
        .get("p-prep")
        ?.map((a) => `${a.subjectId}:${a.role}`)
        .sort(),
      ["g-digi:preparer", "g-move-seniors:preparer"],
    );
    assert.deepEqual(
      byPerson.get("p-sub")?.map((a) => a.role),
      ["substitute"],
    );
    assert.equal(byPerson.has("p-mgr"), false);
  });

  it("knows the role of a person for a subject", () => {
    const [digi] = subjectsOfRound(round(), goals);
    assert.equal(roleFor("p-owner", digi!, round()), "owner");
    assert.equal(roleFor("p-prep", digi!, round()), "preparer");
    assert.equal(roleFor("p-other", digi!, round()), undefined);
  });
});
