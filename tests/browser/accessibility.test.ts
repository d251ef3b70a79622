// axe-core in the browser: no WCAG 2.1 A or AA violation on any view, in Teams' light, dark and
// high-contrast themes.
import assert from "node:assert/strict";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../support/app.js";
import { ensureTabBuilt, launchBrowser, openTab, type ThemeName } from "../support/browser.js";

interface View {
  name: string;
  as?: string;
  hash?: string;
  /** Waits until the view shows its content. */
  ready(page: Page): Promise<unknown>;
}

const VIEWS: View[] = [
  { name: "sign-in", ready: (p) => p.locator("[data-person]").first().waitFor() },
  {
    name: "channel tab configuration",
    hash: "#/config",
    ready: (p) => p.getByRole("radio").first().waitFor(),
  },
  {
    name: "round overview",
    as: "p-jari-toivonen",
    hash: "#/rounds/2020-2",
    ready: (p) => p.locator("[data-subject]").first().waitFor(),
  },
  {
    name: "goal detail",
    as: "p-jari-toivonen",
    hash: "#/rounds/2020-2/goals/2020-digitalisaatio",
    ready: (p) => p.getByTestId("history").waitFor(),
  },
  {
    name: "goal detail of a project",
    as: "p-jari-toivonen",
    hash: "#/rounds/2020-2/goals/2020-liikkumisohjelma/2020-liikkumisohjelma-ikaihmiset",
    ready: (p) => p.getByTestId("history").waitFor(),
  },
  {
    name: "compare rounds",
    as: "p-jari-toivonen",
    hash: "#/compare/2020-2/2020-1",
    ready: (p) => p.locator("[data-group]").first().waitFor(),
  },
  {
    name: "owner's overview",
    as: "p-aino-aaltonen",
    hash: "#/rounds/2020-2",
    ready: (p) => p.locator("[data-subject]").first().waitFor(),
  },
  {
    name: "admin: rounds",
    as: "p-tuuli-rantanen",
    hash: "#/admin/rounds",
    ready: (p) => p.locator("[data-round]").first().waitFor(),
  },
  {
    name: "admin: one round",
    as: "p-tuuli-rantanen",
    hash: "#/admin/rounds/2020-2",
    ready: (p) => p.locator("[data-subject]").first().waitFor(),
  },
  {
    name: "admin: goal register",
    as: "p-tuuli-rantanen",
    hash: "#/admin/goals/2020",
    ready: (p) => p.locator("[data-goal]").first().waitFor(),
  },
  {
    name: "admin: goal editor",
    as: "p-tuuli-rantanen",
    hash: "#/admin/goals/2020-liikkumisohjelma",
    ready: (p) => p.getByRole("button", { name: "Tallenna" }).waitFor(),
  },
  {
    name: "admin: people",
    as: "p-tuuli-rantanen",
    hash: "#/admin/people",
    ready: (p) => p.locator("[data-person]").first().waitFor(),
  },
  {
    name: "accessibility statement",
    as: "p-aino-aaltonen",
    hash: "#/accessibility",
    ready: (p) => p.getByRole("button", { name: "Lähetä palaute" }).waitFor(),
  },
];

const THEMES: ThemeName[] = ["default", "dark", "contrast"];

describe("accessibility (axe-core, WCAG 2.1 A/AA)", function () {
  // Every view per theme, each opened afresh: minutes on a busy two-core machine.
  this.timeout(300_000);
  let app: TestApp;
  let browser: Browser;

  before(async () => {
    ensureTabBuilt();
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  for (const theme of THEMES) {
    it(`finds no violation on any view in the ${theme} theme`, async () => {
      const problems: string[] = [];
      for (const view of VIEWS) {
        const tab = await openTab(browser, app, {
          theme,
          ...(view.as ? { as: view.as } : {}),
          ...(view.hash ? { hash: view.hash } : {}),
        });
        try {
          await view.ready(tab.page);
          assert.equal(
            await tab.page.locator("[data-theme]").first().getAttribute("data-theme"),
            theme,
            `${view.name} renders in the ${theme} theme`,
          );
          const result = await new AxeBuilder({ page: tab.page })
            .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
            .analyze();
          for (const found of result.violations) {
            // Tabster's focus "dummies" (Fluent UI's focus management) are focusable on purpose and hidden
            // from screen readers, so axe's aria-hidden-focus flags them; Microsoft's own checkers exclude
            // exactly these nodes (tabster#288, accessibility-insights-web#7605). Every other node counts.
            const nodes =
              found.id === "aria-hidden-focus"
                ? found.nodes.filter((n) => !n.html.includes("data-tabster-dummy"))
                : found.nodes;
            if (nodes.length === 0) continue;
            const v = { ...found, nodes };
            problems.push(
              `${view.name}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes
                .slice(0, 3)
                .map((n) => `${n.target.join(" ")} ${n.failureSummary?.split("\n")[1] ?? ""}`)
                .join(" | ")}`,
            );
          }
        } finally {
          await tab.context.close();
        }
      }
      assert.deepEqual(problems, [], problems.join("\n"));
    });
  }
});
