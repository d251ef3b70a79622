import assert from "node:assert/strict";
import {
  checkinRecipients,
  escalationTargets,
  unsubmittedRecipients,
} from "@goal-forecast/core/domain/recipients";
import { goals, people, report, round } from "../../support/fixtures.js";

describe("who gets which message", () => {
  const r = round({ substitutes: { "g-move-kids": "p-sub" } });

  it("check-in: everyone who answers for something (owners, preparers, substitutes), once", () => {
    assert.deepEqual(checkinRecipients(r, goals).sort(), ["p-owner", "p-owner2", "p-prep", "p-sub"]);
  });

  it("reminder: those who may submit a subject that is not submitted (a draft is not enough)", () => {
    const reports = [
      report({ subjectId: "g-digi", state: "submitted" }),
      report({ subjectId: "g-move-seniors", state: "draft" }),
    ];
    assert.deepEqual(unsubmittedRecipients(r, goals, reports).sort(), ["p-owner", "p-owner2", "p-sub"]);
    const all = ["g-digi", "g-move-seniors", "g-move-kids"].map((s) =>
      report({ subjectId: s, state: "submitted" }),
    );
    assert.deepEqual(unsubmittedRecipients(r, goals, all), []);
  });

  it("escalation: each manager gets their owners' missing reports; the rest go to the admins", () => {
    const staff = people.map((p) => (p.id === "p-owner2" ? { ...p, managerId: "p-mgr" } : p));
    const reports = [report({ subjectId: "g-digi", state: "submitted" })];
    const targets = escalationTargets(r, goals, reports, staff, ["p-admin"]);
    const summary = Object.fromEntries(
      [...targets].map(([to, items]) => [to, items.map((i) => `${i.subjectId}:${i.status}`).sort()]),
    );
    // Ikäihmiset has two owners, one managed by p-mgr: telling p-mgr is enough.
    assert.deepEqual(summary, { "p-mgr": ["g-move-kids:missing", "g-move-seniors:missing"] });
    const unmanaged = escalationTargets(r, goals, reports, people, ["p-admin"]);
    assert.deepEqual([...unmanaged.keys()], ["p-admin"]);
    assert.equal(unmanaged.get("p-admin")?.length, 2);
  });
});
