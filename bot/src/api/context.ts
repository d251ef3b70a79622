import type { Server } from "restify";
import type { Authenticator } from "../auth/authenticate.js";
import type { Config } from "../config.js";
import type { Logger } from "../logging.js";
import type { DirectoryLookup } from "../register/directory.js";
import type { Stores } from "../storage/index.js";

/** What every API module gets to register its routes. */
export interface ApiDeps {
  config: Config;
  logger: Logger;
  stores: Stores;
  authenticator: Authenticator;
  /** Entra ID through Microsoft Graph, when configured: people resolved at import and edit. */
  directory?: DirectoryLookup;
}

export type RouteModule = (server: Server, deps: ApiDeps) => void;
