// Takes the README's pictures of the check-in as a goal owner sees it in a Teams client (Microsoft 365
// Agents Playground, offline, in headless Chromium): `npx tsx scripts/screenshot-checkin.ts`.
// Writes docs/images/checkin-list.png and docs/images/checkin-form.png. Uses in-memory Azurite.
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { repoRoot, startApp } from "../bot/src/app.js";
import { loadConfig } from "../bot/src/config.js";
import { createLogger } from "../bot/src/logging.js";
import { launchChromium, PlaygroundChat, startPlayground } from "../tests/support/playground.js";
import { startAzurite } from "./lib/azurite.js";

const out = join(repoRoot(), "docs", "images");
mkdirSync(out, { recursive: true });

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
const previous = (await app.stores.rounds.get("2020-2"))!;
await app.stores.rounds.create({
  ...previous,
  id: "2020-3",
  number: 3,
  name: { fi: "Ennuste 3/2020", sv: "Prognos 3/2020", en: "Forecast 3/2020" },
  state: "open",
  dueAt: "2020-10-15T12:00:00.000Z",
  substitutes: {},
});
const playground = await startPlayground(
  `${app.url}/api/messages`,
  { id: "user-leena", name: "Leena Salo", upn: "leena.salo@example.org", aadObjectId: randomUUID() },
  "00000000-0000-4000-8000-0000000000aa",
);
const browser = await launchChromium();
try {
  // Tall enough that the whole form fits without the chat pane scrolling.
  const page = await browser.newPage({ viewport: { width: 1280, height: 4000 }, deviceScaleFactor: 1.5 });
  const chat = new PlaygroundChat(page);
  await page.goto(playground.url);
  await chat.cardShows(/Hei Leena!/, 30_000);
  await chat.say("raportoi");
  await chat.cardShows(/Kerro ennusteesi/);
  await chat.lastCard().screenshot({ path: join(out, "checkin-list.png") });
  await chat.press("Raportoi", 0);
  await chat.cardShows(/Esitäytetty vastauksellasi/);
  const box = await chat.lastCard().boundingBox();
  if (!box) throw new Error("no card on the page");
  // The top of the form: heading, copy-forward note and the first milestones.
  await page.screenshot({
    path: join(out, "checkin-form.png"),
    clip: { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, 1150) },
  });
  console.log(`wrote ${out}/checkin-list.png and checkin-form.png`);
} finally {
  await browser.close();
  await playground.stop();
  await app.close();
  await azurite.stop();
}
