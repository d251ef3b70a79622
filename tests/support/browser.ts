// Browser tests: Debian's headless Chromium driven by playwright-core, against the real server with the
// built tab. The tab is built once per run when dist/tab is missing or older than its sources.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { repoRoot } from "../../bot/src/app.js";
import { startTestApp, type TestApp } from "./app.js";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Flags that keep Chromium quiet and self-contained here (TOOLCHAIN.md). */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

let built: boolean | undefined;

/** Builds the tab with Vite if dist/tab is missing or stale; once per test run. */
export function ensureTabBuilt(): void {
  if (built) return;
  const root = repoRoot();
  const output = join(root, "dist", "tab", "index.html");
  const sources = Math.max(
    newestMtime(join(root, "tab")),
    newestMtime(join(root, "core", "src", "i18n", "locales")),
    newestMtime(join(root, "bot", "src", "domain")),
    newestMtime(join(root, "vite.config.ts")),
    newestMtime(join(root, "package-lock.json")),
  );
  if (!existsSync(output) || statSync(output).mtimeMs < sources) {
    const result = spawnSync(
      process.execPath,
      [join(root, "node_modules", "vite", "bin", "vite.js"), "build", "--logLevel", "error"],
      { cwd: root, stdio: "inherit" },
    );
    if (result.status !== 0) throw new Error("vite build of the tab failed");
  }
  built = true;
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: run scripts/ensure-test-tools.sh (npm test does)`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export type ThemeName = "default" | "dark" | "contrast";

export interface TabPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and page errors, except the ones expected offline (teams-js's CDN list). */
  errors: string[];
  /** Content-Security-Policy violations the page reported. */
  cspViolations: string[];
}

/**
 * A fresh browser context (its own sessionStorage) already signed in as a demo person, the same way the
 * sign-in page does it: with a token from the server's development issuer.
 */
export async function openTab(
  browser: Browser,
  app: TestApp,
  options: {
    as?: string;
    theme?: ThemeName;
    language?: "fi" | "sv" | "en";
    hash?: string;
    /** A script run in the page before its own (benchmarks: observing the first render). */
    initScript?: string;
  } = {},
): Promise<TabPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "fi-FI" });
  const page = await context.newPage();
  const errors: string[] = [];
  const cspViolations: string[] = [];
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    const text = m.text();
    // Offline, teams-js cannot fetch its list of valid Teams origins from Microsoft's CDN.
    if (/ERR_NAME_NOT_RESOLVED|validDomains/i.test(text)) return;
    if (/Content Security Policy/i.test(text)) cspViolations.push(text);
    else errors.push(text);
  });
  page.on("pageerror", (e) => errors.push(e.message));
  await page.exposeFunction("__cspViolation", (v: string) => cspViolations.push(v));
  // Scripts run in the page are strings: the tests are type-checked without the DOM library.
  await page.addInitScript(`document.addEventListener("securitypolicyviolation", (e) =>
    window.__cspViolation(e.violatedDirective + " " + e.blockedURI));`);
  if (options.as) {
    const token = await app.tokenFor(options.as);
    const stored = JSON.stringify({ token, personId: options.as, expiresAt: Date.now() + 3_600_000 });
    const script = [`sessionStorage.setItem("goalForecast.devToken", ${JSON.stringify(stored)});`];
    if (options.language)
      script.push(`sessionStorage.setItem("goalForecast.language", "${options.language}");`);
    await page.addInitScript(script.join("\n"));
  } else if (options.language) {
    await page.addInitScript(`sessionStorage.setItem("goalForecast.language", "${options.language}");`);
  }
  if (options.initScript) await page.addInitScript(options.initScript);
  const query = options.theme ? `?theme=${options.theme}` : "";
  await page.goto(`${app.url}/index.html${query}${options.hash ?? ""}`);
  return { page, context, errors, cspViolations };
}

export type OpenTabOptions = NonNullable<Parameters<typeof openTab>[2]>;

/** What a describe block that opens the tab works with (see tabSession). */
export interface TabSession {
  readonly app: TestApp;
  open(options?: OpenTabOptions): Promise<TabPage>;
}

/**
 * Registers the hooks of a describe block that opens the tab in a browser: one server with the demo
 * data and one browser for the block; after each test, every tab it opened is checked for
 * Content-Security-Policy violations and console errors (but those matching `expectedErrors`) and closed.
 */
export function tabSession(options: { expectedErrors?: RegExp } = {}): TabSession {
  let app: TestApp | undefined;
  let browser: Browser | undefined;
  const opened: TabPage[] = [];
  before(async () => {
    ensureTabBuilt();
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterEach(async () => {
    for (const tab of opened.splice(0)) {
      assert.deepEqual(tab.cspViolations, [], "no Content-Security-Policy violations");
      const expected = options.expectedErrors;
      assert.deepEqual(
        tab.errors.filter((e) => !expected?.test(e)),
        [],
        "no errors in the console",
      );
      await tab.context.close();
    }
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });
  return {
    get app() {
      if (!app) throw new Error("the tab session has not started");
      return app;
    },
    async open(tabOptions = {}) {
      if (!app || !browser) throw new Error("the tab session has not started");
      const tab = await openTab(browser, app, tabOptions);
      opened.push(tab);
      return tab;
    },
  };
}
