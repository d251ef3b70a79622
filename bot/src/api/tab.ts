// What the tab needs to know before anyone signs in: how people sign in on this server.
import { contract } from "@goal-forecast/core/contract";
import type { Config } from "../config.js";
import type { Implement } from "./implement.js";

export function tabRoutes(implement: Implement, config: Config, version: string): void {
  implement(contract.system.tabConfig, async ({ res }) => {
    res.header("Cache-Control", "no-store");
    return { authMode: config.devAuth ? "development" : "entra", version } as const;
  });
}
