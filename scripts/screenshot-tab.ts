// Takes the README's pictures of the tab as a manager sees it (headless Chromium against the real
// server with the demo data): `npx tsx scripts/screenshot-tab.ts`. Writes docs/images/tab-overview.png,
// docs/images/tab-goal.png and docs/images/tab-goal-dark.png. Uses in-memory Azurite; builds the tab.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../bot/src/app.js";
import { ensureTabBuilt, launchBrowser } from "../tests/support/browser.js";
import { startDemoApp } from "./lib/demo-app.js";

const out = join(repoRoot(), "docs", "images");
mkdirSync(out, { recursive: true });
ensureTabBuilt();

const demo = await startDemoApp();
const { app } = demo;
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
  await demo.stop();
}
