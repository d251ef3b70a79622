import assert from "node:assert/strict";
import { canSeeReport, canSeeSubject } from "@goal-forecast/core/domain/access";
import { subjectsOfRound } from "@goal-forecast/core/domain/subjects";
import { goals, round } from "../../support/fixtures.js";

describe("who sees what", () => {
  const [digi] = subjectsOfRound(round(), goals);
  const viewer = (personId: string, ...roles: ("admin" | "manager")[]) => ({
    personId,
    roles: new Set(roles),
  });

  it("keeps drafts to the people who answer for them and the admins", () => {
    const draft = { state: "draft" as const };
    assert.ok(canSeeReport(viewer("p-owner"), digi!, round(), draft));
    assert.ok(canSeeReport(viewer("p-prep"), digi!, round(), draft));
    assert.ok(canSeeReport(viewer("p-admin", "admin"), digi!, round(), draft));
    assert.ok(!canSeeReport(viewer("p-mgr", "manager"), digi!, round(), draft));
    assert.ok(!canSeeReport(viewer("p-other"), digi!, round(), draft));
  });

  it("shows submitted reports to managers but not to other owners", () => {
    const submitted = { state: "submitted" as const };
    assert.ok(canSeeReport(viewer("p-mgr", "manager"), digi!, round(), submitted));
    assert.ok(!canSeeReport(viewer("p-owner2"), digi!, round(), submitted));
    assert.ok(!canSeeSubject(viewer("p-owner2"), digi!, round()));
  });

  it("lets a round's substitute see the subject", () => {
    assert.ok(canSeeSubject(viewer("p-sub"), digi!, round({ substitutes: { "g-digi": "p-sub" } })));
  });
});
