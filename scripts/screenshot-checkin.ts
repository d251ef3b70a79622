// Takes the README's pictures of the check-in as a goal owner sees it in a Teams client (Microsoft 365
// Agents Playground, offline, in headless Chromium): `npx tsx scripts/screenshot-checkin.ts`.
// Writes docs/images/checkin-list.png and docs/images/checkin-form.png. Uses in-memory Azurite.
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../bot/src/app.js";
import { openAutumnRound2020 } from "../tests/support/demo-round.js";
import { launchChromium, PlaygroundChat, startPlayground } from "../tests/support/playground.js";
import { startDemoApp } from "./lib/demo-app.js";

const out = join(repoRoot(), "docs", "images");
mkdirSync(out, { recursive: true });

const demo = await startDemoApp();
const { app } = demo;
await openAutumnRound2020(app.stores.rounds, "2020-10-15T12:00:00.000Z");
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
  await demo.stop();
}
