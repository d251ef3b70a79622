import type { OrgRole, Person } from "@goal-forecast/core/domain/model";
import type { Viewer } from "@goal-forecast/core/domain/access";
import type { RoleSettings } from "@goal-forecast/core/domain/roles";
import type { Config } from "../config.js";

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

export interface VerifiedClaims {
  oid: string;
  upn: string;
  name: string;
  tid?: string;
  groups: string[];
}

/** The role rules' settings from configuration (the rules themselves: domain/roles.ts). */
export function roleSettings(
  config: Pick<Config, "ADMIN_UPNS" | "MANAGER_UPNS" | "ADMIN_GROUP_ID" | "MANAGER_GROUP_ID">,
): RoleSettings {
  return {
    adminUpns: config.ADMIN_UPNS,
    managerUpns: config.MANAGER_UPNS,
    ...(config.ADMIN_GROUP_ID ? { adminGroupId: config.ADMIN_GROUP_ID } : {}),
    ...(config.MANAGER_GROUP_ID ? { managerGroupId: config.MANAGER_GROUP_ID } : {}),
  };
}
