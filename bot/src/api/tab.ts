// What the tab needs to know before anyone signs in: how people sign in on this server (and, with
// Entra ID, which app registration the consent page asks consent for), and whose service it is (the
// accessibility statement names the organisation and its feedback address).
import { contract } from "@goal-forecast/core/contract";
import { organisationName, type Config } from "../config.js";
import type { Implement } from "./implement.js";

export function tabRoutes(implement: Implement, config: Config, version: string): void {
  implement(contract.system.tabConfig, async ({ res }) => {
    res.header("Cache-Control", "no-store");
    // Public values (they are in the Teams app's manifest too): the consent page needs them.
    const { AAD_APP_CLIENT_ID: clientId, AAD_APP_TENANT_ID: tenantId } = config;
    const entra =
      !config.devAuth && clientId && tenantId
        ? { clientId, tenantId, authorityHost: config.AAD_APP_OAUTH_AUTHORITY_HOST }
        : undefined;
    return {
      authMode: config.devAuth ? "development" : "entra",
      version,
      ...(entra ? { entra } : {}),
      organisation: {
        name: organisationName(config),
        ...(config.ACCESSIBILITY_FEEDBACK_EMAIL
          ? { feedbackEmail: config.ACCESSIBILITY_FEEDBACK_EMAIL }
          : {}),
      },
    } as const;
  });
}
