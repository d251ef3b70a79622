// What the tab needs to know before anyone signs in: how people sign in on this server, and whose
// service it is (the accessibility statement names the organisation and its feedback address).
import { contract } from "@goal-forecast/core/contract";
import { organisationName, type Config } from "../config.js";
import type { Implement } from "./implement.js";

export function tabRoutes(implement: Implement, config: Config, version: string): void {
  implement(contract.system.tabConfig, async ({ res }) => {
    res.header("Cache-Control", "no-store");
    return {
      authMode: config.devAuth ? "development" : "entra",
      version,
      organisation: {
        name: organisationName(config),
        ...(config.ACCESSIBILITY_FEEDBACK_EMAIL
          ? { feedbackEmail: config.ACCESSIBILITY_FEEDBACK_EMAIL }
          : {}),
      },
    } as const;
  });
}
