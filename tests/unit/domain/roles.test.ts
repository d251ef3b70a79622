import assert from "node:assert/strict";
import { adminsOf, rolesOf } from "@goal-forecast/core/domain/roles";
import { people } from "../../support/fixtures.js";

const settings = {
  adminUpns: ["anna.admin@example.org"],
  managerUpns: ["mgr2@example.org"],
  adminGroupId: "g-admins",
  managerGroupId: "g-managers",
};

describe("roles", () => {
  it("come from the register, the UPN lists (whatever the case) and the token's groups", () => {
    assert.deepEqual([...rolesOf({ upn: "Anna.Admin@Example.org" }, settings)], ["admin"]);
    assert.deepEqual([...rolesOf({ upn: "mgr2@example.org" }, settings)], ["manager"]);
    assert.deepEqual([...rolesOf({ upn: "x@example.org", groups: ["g-admins"] }, settings)], ["admin"]);
    assert.deepEqual([...rolesOf({ upn: "x@example.org", groups: ["g-managers"] }, settings)], ["manager"]);
    assert.deepEqual(
      [...rolesOf({ upn: "x@example.org", person: { roles: ["manager"] } }, settings)],
      ["manager"],
    );
    assert.deepEqual([...rolesOf({ upn: "x@example.org", groups: ["other"] }, settings)], []);
  });

  it("find the admins among the register's people by the same rule", () => {
    const anna = { id: "p-anna", upn: "ANNA.ADMIN@example.org", displayName: "Anna Admin" };
    assert.deepEqual(
      adminsOf([...people, anna], settings).map((p) => p.id),
      ["p-admin", "p-anna"],
    );
  });
});
