// Wiring of Microsoft Graph from configuration: the client with its credential, the directory and the
// installer. Undefined when GRAPH_ENABLED is off: people are then reached once they meet the bot.
import { ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from "@azure/identity";
import { isLoopback, type Config } from "../config.js";
import type { Logger } from "../logging.js";
import { GraphClient } from "./client.js";
import { GraphDirectory } from "./directory.js";
import { GraphInstaller } from "./installer.js";

export interface Graph {
  client: GraphClient;
  directory: GraphDirectory;
  installer: GraphInstaller;
}

export function createGraph(config: Config, logger: Logger): Graph | undefined {
  if (!config.graphEnabled) return undefined;
  const log = logger.child({ module: "graph" });
  const client = new GraphClient({
    endpoint: config.GRAPH_ENDPOINT,
    credential: credentialOf(config),
    logger: log,
  });
  return {
    client,
    directory: new GraphDirectory(client),
    installer: new GraphInstaller(
      client,
      {
        ...(config.TEAMS_CATALOG_APP_ID ? { catalogAppId: config.TEAMS_CATALOG_APP_ID } : {}),
        ...(config.TEAMS_APP_ID ? { manifestId: config.TEAMS_APP_ID } : {}),
      },
      log,
    ),
  };
}

/**
 * No credential for a local Graph in development. A client secret signs in as the tab's Entra app:
 * the manifest's webApplicationInfo names it, so Graph lets it install "itself" with the narrow
 * TeamsAppInstallation.ReadWriteSelfForUser.All. Else the user-assigned managed identity (App Service).
 */
function credentialOf(config: Config): TokenCredential | undefined {
  if (config.isDevelopment && isLoopback(config.GRAPH_ENDPOINT)) return undefined;
  const tenantId = config.AAD_APP_TENANT_ID ?? config.BOT_TENANT_ID;
  if (config.GRAPH_CLIENT_SECRET && config.AAD_APP_CLIENT_ID && tenantId)
    return new ClientSecretCredential(tenantId, config.AAD_APP_CLIENT_ID, config.GRAPH_CLIENT_SECRET);
  return new ManagedIdentityCredential(config.AZURE_CLIENT_ID ? { clientId: config.AZURE_CLIENT_ID } : {});
}
