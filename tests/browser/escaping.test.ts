// People's text is shown as text in the tab: a narrative or risk holding HTML, Markdown or a
// javascript: link appears literally, and the page creates no element and runs no script from it.
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { saveReport } from "../../bot/src/reporting/save.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { ensureTabBuilt, launchBrowser, openTab } from "../support/browser.js";
import { openRound2021 } from "../support/demo-round.js";

const HOSTILE = '<img src=x onerror="window.__pwned=1;alert(1)"> **bold** [link](javascript:x)';
const RISK = "<img src=x onerror=alert(1)> <script>window.__pwned=2</script>";

describe("the tab shows people's text literally", function () {
  this.timeout(60_000);
  let app: TestApp;
  let browser: Browser;

  before(async () => {
    ensureTabBuilt();
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    await app.stores.rounds.create(openRound2021(["2021-liikkuminen"]));
    const saved = await saveReport(app.stores, {
      roundId: "2021-2",
      subjectId: "2021-liikkuminen",
      personId: "p-leena-salo",
      action: "draft",
      input: { narrative: HOSTILE, risks: [{ risk: RISK, mitigation: "[x](javascript:alert(1))" }] },
    });
    assert.equal(saved.kind, "saved");
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it("a narrative and risk with HTML, Markdown and a javascript: link: shown as typed, nothing run", async () => {
    const tab = await openTab(browser, app, {
      as: "p-leena-salo",
      hash: "#/rounds/2021-2/goals/2021-liikkuminen",
    });
    const dialogs: string[] = [];
    tab.page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    try {
      await tab.page.getByText(HOSTILE, { exact: true }).waitFor();
      await tab.page.getByText(RISK, { exact: true }).waitFor();
      await tab.page.getByText("[x](javascript:alert(1))", { exact: true }).waitFor();
      // Scripts run in the page are strings: the tests are type-checked without the DOM library.
      const found = (await tab.page.evaluate(`({
        images: document.querySelectorAll("img[src='x'], img[onerror]").length,
        scripts: [...document.scripts].filter((s) => s.textContent.includes("__pwned")).length,
        links: document.querySelectorAll("a[href^='javascript:']").length,
        bold: [...document.querySelectorAll("strong, b")].filter((e) => e.textContent === "bold").length,
        pwned: window.__pwned ?? null,
      })`)) as Record<string, unknown>;
      assert.deepEqual(found, { images: 0, scripts: 0, links: 0, bold: 0, pwned: null });
      assert.deepEqual(dialogs, [], "no alert ran");
      assert.deepEqual(tab.errors, [], "no errors in the console");
      assert.deepEqual(tab.cspViolations, [], "nothing the Content-Security-Policy had to block");
    } finally {
      await tab.context.close();
    }
  });
});
