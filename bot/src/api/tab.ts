// What the tab needs to know before anyone signs in: how people sign in on this server.
import type { Server } from "restify";
import type { ApiDeps } from "./context.js";
import { route } from "./http.js";

export function tabRoutes(server: Server, deps: ApiDeps, version: string): void {
  server.get(
    "/api/tab/config",
    route(deps, async (ctx) => {
      ctx.res.header("Cache-Control", "no-store");
      return { authMode: deps.config.devAuth ? "development" : "entra", version };
    }),
  );
}
