// Takes the README's pictures of the tab as a manager sees it (headless Chromium against the real
// server with the demo data): `npx tsx scripts/screenshot-tab.ts`. Writes docs/images/tab-overview.png,
// docs/images/tab-goal.png and docs/images/tab-goal-dark.png. Uses in-memory Azurite; builds the tab.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { repoRoot, startApp } from "../bot/src/app.js";
import { loadConfig } from "../bot/src/config.js";
import { createLogger } from "../bot/src/logging.js";
import { ensureTabBuilt, launchBrowser } from "../tests/support/browser.js";
import { startAzurite } from "./lib/azurite.js";

const out = join(repoRoot(), "docs", "images");
mkdirSync(out, { recursive: true });
ensureTabBuilt();

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
const browser = await launchBrowser();
try {
  const manager = (await app.stores.register.person("p-jari-toivonen"))!;
  const token = await app.devIssuer!.issue(manager);
  const shoot = async (hash: string, file: string, ready: string, theme = "default", height = 1000) => {
    const context = await browser.newContext({ viewport: { width: 1360, height }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.addInitScript(
      `sessionStorage.setItem("goalForecast.devToken", ${JSON.stringify(
        JSON.stringify({ token, personId: manager.id, expiresAt: Date.now() + 3_600_000 }),
      )}); sessionStorage.setItem("goalForecast.language", "fi");`,
    );
    await page.goto(`${app.url}/index.html?theme=${theme}${hash}`);
    await page.locator(ready).first().waitFor();
    await page.screenshot({ path: join(out, file), fullPage: true });
    await context.close();
    console.log(`wrote docs/images/${file}`);
  };
  await shoot("#/rounds/2020-2", "tab-overview.png", "[data-subject]");
  const goal = "#/rounds/2020-2/goals/2020-liikkumisohjelma/2020-liikkumisohjelma-ikaihmiset";
  await shoot(goal, "tab-goal.png", "[data-testid=history]");
  await shoot(goal, "tab-goal-dark.png", "[data-testid=history]", "dark");
} finally {
  await browser.close();
  await app.close();
  await azurite.stop();
}
