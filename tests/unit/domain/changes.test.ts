import assert from "node:assert/strict";
import { changes, limitChanges } from "@goal-forecast/core/domain/changes";
import { goals } from "../../support/fixtures.js";

describe("changes: what an edit changed, before and after", () => {
  const digi = goals[0]!;

  it("names each changed field with its values, milestones by id, key order aside", () => {
    const after = structuredClone(digi);
    after.title = "Digitalisaatio ja data";
    after.milestones[1]!.text = "Varaamon tilat (kaikki)";
    after.milestones.push({ id: "m4", text: "Uusi", order: 4 });
    after.ownerIds = ["p-owner", "p-owner2"];
    const reordered = Object.fromEntries(Object.entries(after).reverse());
    assert.deepEqual(changes(digi, reordered), [
      { field: "title", from: "Digitalisaatio", to: "Digitalisaatio ja data" },
      { field: "ownerIds", from: ["p-owner"], to: ["p-owner", "p-owner2"] },
      { field: "milestones.m2.text", from: "Varaamon tilat", to: "Varaamon tilat (kaikki)" },
      { field: "milestones.m4", to: { id: "m4", text: "Uusi", order: 4 } },
    ]);
  });

  it("is empty for the same document, and lists every field of a new one", () => {
    assert.deepEqual(changes(digi, structuredClone(digi)), []);
    const created = changes(undefined, { id: "p-x", upn: "x@example.org" });
    assert.deepEqual(created, [{ field: "(document)", to: { id: "p-x", upn: "x@example.org" } }]);
    assert.deepEqual(changes({ email: "a@example.org" }, {}), [{ field: "email", from: "a@example.org" }]);
  });

  it("keeps an entry's changes bounded, saying how many were left out", () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({ field: `f${i}`, from: "x".repeat(100), to: "y" }));
    const { changes: kept, truncated } = limitChanges(many, 10_000);
    assert.ok(kept.length > 0 && kept.length < 1000);
    assert.equal(kept.length + truncated, 1000);
  });
});
