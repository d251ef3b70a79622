// The product with the seed demo data on an in-memory Azurite of its own, quiet, for scripts that
// look at it (the README's screenshots).
import { startApp, type App } from "../../bot/src/app.js";
import { loadConfig } from "../../bot/src/config.js";
import { createLogger } from "../../bot/src/logging.js";
import { startAzurite } from "./azurite.js";

export async function startDemoApp(): Promise<{ app: App; stop(): Promise<void> }> {
  const azurite = await startAzurite({});
  const config = loadConfig({
    APP_MODE: "development",
    PORT: "0",
    AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
    SEED_DEMO_DATA: "true",
    LOG_LEVEL: "warn",
    LOG_PRETTY: "false",
  });
  const app = await startApp(config, { logger: createLogger({ level: "warn", pretty: false }) });
  return {
    app,
    async stop() {
      await app.close();
      await azurite.stop();
    },
  };
}
