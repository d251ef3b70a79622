// What the tab needs to know before anyone signs in: how people sign in on this server (and, with
// Entra ID, which app registration the consent page asks consent for).
import { contract } from "@goal-forecast/core/contract";
import type { Config } from "../config.js";
import type { Implement } from "./implement.js";

export function tabRoutes(implement: Implement, config: Config, version: string): void {
  implement(contract.system.tabConfig, async ({ res }) => {
    res.header("Cache-Control", "no-store");
    if (config.devAuth) return { authMode: "development", version } as const;
    const { AAD_APP_CLIENT_ID: clientId, AAD_APP_TENANT_ID: tenantId } = config;
    // Public values (they are in the Teams app's manifest too): the consent page needs them.
    const entra =
      clientId && tenantId
        ? { clientId, tenantId, authorityHost: config.AAD_APP_OAUTH_AUTHORITY_HOST }
        : undefined;
    return { authMode: "entra", version, ...(entra ? { entra } : {}) } as const;
  });
}
