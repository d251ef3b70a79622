// `npm start`: builds the tab, starts an embedded Azurite (data kept under .data/), loads the demo
// data on first run and serves bot, API and tab on PORT (default 3978). Ctrl+C stops everything.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot, startApp } from "../bot/src/app.js";
import { ConfigError, loadConfig } from "../bot/src/config.js";
import { createLogger } from "../bot/src/logging.js";
import { startAzurite } from "./lib/azurite.js";

const root = repoRoot();

function buildTab(): void {
  if (process.argv.includes("--no-build")) return;
  const result = spawnSync(
    process.execPath,
    [join(root, "node_modules", "vite", "bin", "vite.js"), "build", "--logLevel", "warn"],
    {
      cwd: root,
      stdio: "inherit",
    },
  );
  if (result.status !== 0) console.warn("The tab did not build; the bot and API still start.");
}

async function main(): Promise<void> {
  buildTab();
  // DATA_DIR lets a second checkout or a test keep its data apart from the default .data/.
  const azurite = await startAzurite({
    location: join(process.env.DATA_DIR ?? join(root, ".data"), "azurite"),
  });
  const env = {
    APP_MODE: "development",
    AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
    ...process.env,
  };
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    await azurite.stop();
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger({ level: config.LOG_LEVEL, pretty: config.logPretty });
  const app = await startApp(config, { logger });
  logger.info(
    `Open ${app.url}/ for the tab (sign in as a demo person); the bot listens on ${app.url}/api/messages`,
  );

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info("stopping server and Azurite");
    await app.close().catch(() => undefined);
    await azurite.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
