import type { RegisterStore } from "../storage/register.js";
import { rolesOf, type RoleSettings } from "@goal-forecast/core/domain/roles";
import type { Principal } from "./principal.js";
import { AuthenticationError, type TokenVerifier } from "./tokens.js";

export interface Authenticator {
  /** The principal behind an Authorization header; AuthenticationError when missing or invalid. */
  authenticate(authorization: string | undefined): Promise<Principal>;
}

export function createAuthenticator(
  verifier: TokenVerifier,
  register: RegisterStore,
  roles: RoleSettings,
): Authenticator {
  return {
    async authenticate(authorization) {
      const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(authorization?.trim() ?? "");
      if (!match?.[1]) throw new AuthenticationError("missing bearer token");
      const claims = await verifier.verify(match[1]);
      const person =
        (await register.personByAadObjectId(claims.oid)) ?? (await register.personByUpn(claims.upn));
      const principal: Principal = {
        aadObjectId: claims.oid,
        upn: claims.upn,
        name: claims.name,
        roles: rolesOf({ upn: claims.upn, groups: claims.groups, person }, roles),
      };
      if (claims.tid) principal.tenantId = claims.tid;
      if (person) {
        principal.person = person;
        principal.personId = person.id;
      }
      return principal;
    },
  };
}
