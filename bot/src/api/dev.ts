// Development sign-in: lists the demo people and issues a token for one of them, so that the tab
// and scripts run with real tokens and real roles locally. Only registered when DEV_AUTH is on
// (never in production: loadConfig refuses it).
import { contract } from "@goal-forecast/core/contract";
import type { DevTokenIssuer } from "../auth/dev-issuer.js";
import { rolesOf } from "@goal-forecast/core/domain/roles";
import { roleSettings } from "../auth/principal.js";
import type { ApiDeps } from "./context.js";
import { HttpError } from "./http.js";
import type { Implement } from "./implement.js";

export function devRoutes(implement: Implement, deps: ApiDeps, issuer: DevTokenIssuer): void {
  const c = contract.development;
  implement(c.jwks, async () => issuer.jwks());

  implement(c.people, async () => {
    const people = await deps.stores.register.people();
    const settings = roleSettings(deps.config);
    return people
      .map((p) => ({
        id: p.id,
        displayName: p.displayName,
        upn: p.upn,
        roles: [...rolesOf({ upn: p.upn, person: p }, settings)],
      }))
      .sort((a, b) => b.roles.length - a.roles.length || a.displayName.localeCompare(b.displayName, "fi"));
  });

  implement(c.token, async ({ body }) => {
    const person = await deps.stores.register.person(body.personId);
    if (!person) throw new HttpError("notFound");
    return { token: await issuer.issue(person), expiresIn: 3600 };
  });
}
