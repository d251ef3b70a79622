// Renders the board exports as a reader sees them: `npm run render:exports`. Downloads the demo round
// Ennuste 2/2020's deck (PPTX) and summary table (XLSX) from the real server's API, as a manager, then
// converts them to PDF with LibreOffice (headless, own temporary profile) and the chosen pages to PNG
// with pdftoppm, into docs/images/export-*.png (shown in docs/EXPORTS.md).
//
// Needs the Debian packages LibreOffice Impress and Calc, poppler-utils, and Liberation fonts (not in
// `npm test`, which stays free of them; converting takes some 20 s):
//   sudo apt-get update && sudo apt-get install -y --no-install-recommends \
//     libreoffice-impress libreoffice-calc poppler-utils fonts-liberation2
// The exports are laid out for Arial (exports/measure.ts); Liberation Sans has Arial's metrics, so the
// pictures show what PowerPoint and Excel show. Without it LibreOffice falls back to the wider DejaVu
// Sans and texts overflow that never would in Office: the script refuses to run then.
//
// It lives in scripts/ next to screenshot-tab.ts and screenshot-checkin.ts, which make the other
// pictures in docs/images; bench/ holds timings only.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import JSZip from "jszip";
import { repoRoot, startApp } from "../bot/src/app.js";
import { loadConfig } from "../bot/src/config.js";
import { createLogger } from "../bot/src/logging.js";
import { startAzurite } from "./lib/azurite.js";

const ROUND = "2020-2";
const MANAGER = "p-jari-toivonen";
/** Pixels per inch of the PNGs: a 13.3-inch slide becomes 1,200 px wide, readable in a README. */
const SLIDE_DPI = 90;
const TABLE_DPI = 100;

const out = join(repoRoot(), "docs", "images");
mkdirSync(out, { recursive: true });
const work = mkdtempSync(join(tmpdir(), "render-exports-"));

const INSTALL =
  "sudo apt-get install -y --no-install-recommends libreoffice-impress libreoffice-calc poppler-utils fonts-liberation2";

function need(command: string): void {
  try {
    execFileSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" });
  } catch {
    console.error(`${command} is missing. Install: ${INSTALL}`);
    process.exit(2);
  }
}

function needArialMetrics(): void {
  const font = execFileSync("fc-match", ["-f", "%{family}", "Arial"], { encoding: "utf8" });
  if (!/Arial|Liberation Sans/.test(font)) {
    console.error(`Arial stands for ${font} here, which is wider: install fonts-liberation2 (${INSTALL})`);
    process.exit(2);
  }
}

/** LibreOffice's PDF of `file`, made with a profile of its own so a running office is not disturbed. */
function toPdf(file: string): string {
  const profile = pathToFileURL(join(work, "lo-profile")).href;
  execFileSync(
    "soffice",
    [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", "pdf", "--outdir", work, file],
    { stdio: ["ignore", "ignore", "inherit"], timeout: 180_000 },
  );
  return file.replace(/\.[a-z]+$/, ".pdf");
}

function toPng(pdf: string, page: number, dpi: number, name: string): void {
  const base = join(out, name);
  execFileSync("pdftoppm", [
    "-png",
    "-r",
    String(dpi),
    "-f",
    String(page),
    "-l",
    String(page),
    "-singlefile",
    pdf,
    base,
  ]);
  console.log(`wrote docs/images/${name}.png`);
}

/** 1-based number of the first slide whose title placeholder text includes `title`. */
async function slideNumber(pptx: Buffer, title: string): Promise<number> {
  const zip = await JSZip.loadAsync(pptx);
  for (let i = 1; zip.file(`ppt/slides/slide${i}.xml`); i++) {
    const xml = await zip.file(`ppt/slides/slide${i}.xml`)!.async("string");
    const shape = xml.split("</p:sp>").find((sp) => /<p:ph\s[^>]*type="title"/.test(sp));
    const text = [...(shape ?? "").matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]).join("");
    if (text.includes(title)) return i;
  }
  throw new Error(`no slide titled ${title}`);
}

need("soffice");
need("pdftoppm");
need("fc-match");
needArialMetrics();
const azurite = await startAzurite({});
const logger = createLogger({ level: "warn", pretty: false });
const app = await startApp(
  loadConfig({
    APP_MODE: "development",
    PORT: "0",
    AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
    SEED_DEMO_DATA: "true",
    SCHEDULER_INTERVAL_SECONDS: "0",
    LOG_LEVEL: "warn",
    LOG_PRETTY: "false",
  }),
  { logger },
);
try {
  const manager = (await app.stores.register.person(MANAGER))!;
  const token = await app.devIssuer!.issue(manager);
  const fetchExport = async (file: string): Promise<string> => {
    const res = await fetch(`${app.url}/api/rounds/${ROUND}/export/${file}?lang=fi`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (res.status !== 200) throw new Error(`${file}: HTTP ${res.status} ${await res.text()}`);
    const path = join(work, file);
    writeFileSync(path, Buffer.from(await res.arrayBuffer()));
    return path;
  };
  const deck = await fetchExport("deck.pptx");
  const table = await fetchExport("summary.xlsx");

  const seniors = await slideNumber(readFileSync(deck), "IKÄIHMISET");
  const deckPdf = toPdf(deck);
  toPng(deckPdf, 1, SLIDE_DPI, "export-deck-title");
  toPng(deckPdf, 2, SLIDE_DPI, "export-deck-digitalisaatio");
  toPng(deckPdf, seniors, SLIDE_DPI, "export-deck-liikkumisohjelma");
  toPng(toPdf(table), 1, TABLE_DPI, "export-summary");
} finally {
  await app.close();
  await azurite.stop();
  rmSync(work, { recursive: true, force: true });
}
