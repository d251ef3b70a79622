// The process entry point: read configuration, start the app, stop cleanly on Ctrl+C / SIGTERM.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot, startApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { createLogger } from "./logging.js";

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger({ level: config.LOG_LEVEL, pretty: config.logPretty });
  const version = (JSON.parse(readFileSync(join(repoRoot(), "package.json"), "utf8")) as { version: string })
    .version;
  const app = await startApp(config, { logger, version });
  const stop = (signal: string): void => {
    logger.info({ signal }, "stopping");
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

process.on("unhandledRejection", (reason) => {
  // A floating promise must never take the server down (Node 20 exits on unhandled rejections).
  console.error("unhandled rejection:", reason instanceof Error ? reason.message : reason);
});

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
