// Who is an admin or a manager. One derivation for the signed-in user of a request (with the groups
// of their token) and for a person of the register the server acts for without a token (the admins
// an escalation falls back to, the development sign-in list).
import type { OrgRole, Person } from "./model.js";

/** The roles configuration grants: lower-case UPN lists and Entra group ids. */
export interface RoleSettings {
  adminUpns: readonly string[];
  managerUpns: readonly string[];
  adminGroupId?: string;
  managerGroupId?: string;
}

export interface RoleHolder {
  upn: string;
  /** Entra group ids from the token; unknown (none) for a person the server acts for without one. */
  groups?: readonly string[];
  /** The register's record of the person, whose own roles count too. */
  person?: Pick<Person, "roles"> | undefined;
}

/** Roles from the register's person record, from the UPN lists and from group membership. */
export function rolesOf(holder: RoleHolder, settings: RoleSettings): Set<OrgRole> {
  const roles = new Set<OrgRole>(holder.person?.roles ?? []);
  const upn = holder.upn.toLowerCase();
  const groups = holder.groups ?? [];
  const inGroup = (id: string | undefined): boolean => id !== undefined && groups.includes(id);
  if (settings.adminUpns.includes(upn) || inGroup(settings.adminGroupId)) roles.add("admin");
  if (settings.managerUpns.includes(upn) || inGroup(settings.managerGroupId)) roles.add("manager");
  return roles;
}

/** The register's people who are admins by the rules above (without token groups). */
export function adminsOf(people: readonly Person[], settings: RoleSettings): Person[] {
  return people.filter((p) => rolesOf({ upn: p.upn, person: p }, settings).has("admin"));
}
