import type { OrgRole, Person } from "@goal-forecast/core/domain/model";
import type { Viewer } from "@goal-forecast/core/domain/access";

/** The signed-in user of an API request, after token validation and role mapping. */
export interface Principal extends Viewer {
  /** Entra object id (oid claim). */
  aadObjectId: string;
  upn: string;
  name: string;
  tenantId?: string;
  person?: Person;
  roles: ReadonlySet<OrgRole>;
}

export interface RoleSettings {
  adminUpns: readonly string[];
  managerUpns: readonly string[];
  adminGroupId?: string;
  managerGroupId?: string;
}

export interface VerifiedClaims {
  oid: string;
  upn: string;
  name: string;
  tid?: string;
  groups: string[];
}

/** Roles from configuration (UPN lists, Entra groups) and from the register's person record. */
export function rolesOf(
  claims: VerifiedClaims,
  person: Person | undefined,
  settings: RoleSettings,
): Set<OrgRole> {
  const roles = new Set<OrgRole>(person?.roles ?? []);
  const upn = claims.upn.toLowerCase();
  if (
    settings.adminUpns.includes(upn) ||
    (settings.adminGroupId && claims.groups.includes(settings.adminGroupId))
  )
    roles.add("admin");
  if (
    settings.managerUpns.includes(upn) ||
    (settings.managerGroupId && claims.groups.includes(settings.managerGroupId))
  ) {
    roles.add("manager");
  }
  return roles;
}
