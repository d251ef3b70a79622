// What a screen reader is given: Chromium's accessibility tree (CDP Accessibility.getFullAXTree) of
// the overview, a goal page, round administration and the accessibility statement. Checked: the
// landmarks (one banner, named navigation, one main, one contentinfo, in that reading order), the
// headings (one h1, first in main, no level skipped) and that every control, table and image has a
// name. docs/TAB.md lists the checks; the accessibility statement names them.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { tabSession } from "../support/browser.js";

interface AxNode {
  nodeId: string;
  ignored: boolean;
  role?: { value?: unknown };
  name?: { value?: unknown };
  properties?: { name: string; value: { value?: unknown } }[];
  childIds?: string[];
  parentId?: string;
}

interface Seen {
  role: string;
  name: string;
  level?: number;
  /** The landmarks it is inside, outermost first. */
  within: string[];
}

/** Roles a person operates or finds by name: each must have one. */
const NAMED = new Set([
  "button",
  "link",
  "textbox",
  "searchbox",
  "combobox",
  "listbox",
  "checkbox",
  "radio",
  "radiogroup",
  "switch",
  "spinbutton",
  "slider",
  "menuitem",
  "menuitemcheckbox",
  "menuitemradio",
  "tab",
  "option",
  "table",
  "dialog",
  "navigation",
  "image",
  "img",
]);
const LANDMARKS = new Set(["banner", "navigation", "main", "contentinfo", "complementary", "search"]);

/** The tree in reading order (depth first from the root), ignored nodes left out but not their children. */
async function readingOrder(page: Page): Promise<Seen[]> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as { nodes: AxNode[] };
  await cdp.detach();
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const root = nodes.find((n) => n.parentId === undefined || !byId.has(n.parentId));
  assert.ok(root, "the tree has a root");
  const out: Seen[] = [];
  const visit = (node: AxNode, within: string[]) => {
    const role = String(node.role?.value ?? "");
    let inside = within;
    if (!node.ignored) {
      const level = node.properties?.find((p) => p.name === "level")?.value.value;
      out.push({
        role,
        name: String(node.name?.value ?? "").trim(),
        ...(typeof level === "number" ? { level } : {}),
        within,
      });
      if (LANDMARKS.has(role)) inside = [...within, role];
    }
    for (const id of node.childIds ?? []) {
      const child = byId.get(id);
      if (child) visit(child, inside);
    }
  };
  visit(root, []);
  return out;
}

function check(view: string, seen: Seen[]): void {
  const landmarks = seen.filter((s) => LANDMARKS.has(s.role));
  const count = (role: string) => landmarks.filter((l) => l.role === role).length;
  assert.equal(count("banner"), 1, `${view}: one banner (the header)`);
  assert.equal(count("main"), 1, `${view}: one main`);
  assert.equal(count("contentinfo"), 1, `${view}: one contentinfo (the footer)`);
  assert.ok(count("navigation") >= 1, `${view}: a navigation`);
  const order = landmarks.filter((l) => l.within.length === 0).map((l) => l.role);
  assert.deepEqual(
    order,
    ["banner", "main", "contentinfo"],
    `${view}: header, content, footer in reading order`,
  );
  assert.ok(
    landmarks.some((l) => l.role === "navigation" && l.within.includes("banner")),
    `${view}: the main navigation is in the header`,
  );

  const headings = seen.filter((s) => s.role === "heading");
  assert.equal(headings.filter((h) => h.level === 1).length, 1, `${view}: one h1`);
  assert.equal(headings[0]?.level, 1, `${view}: the first heading is the h1`);
  assert.ok(headings[0]?.within.includes("main"), `${view}: the h1 is in main`);
  headings.forEach((h, i) => {
    assert.ok(h.name, `${view}: heading ${i + 1} has text`);
    const previous = headings[i - 1];
    if (previous?.level !== undefined && h.level !== undefined)
      assert.ok(
        h.level <= previous.level + 1,
        `${view}: "${h.name}" (h${h.level}) skips a level after h${previous.level}`,
      );
  });

  const unnamed = seen
    .filter((s) => NAMED.has(s.role) && !s.name)
    .map((s) => `${s.role} in ${s.within.join(" > ")}`);
  assert.deepEqual(unnamed, [], `${view}: every control, table and image has a name`);
  assert.ok(seen.filter((s) => NAMED.has(s.role)).length > 5, `${view}: the controls were found`);
}

describe("the accessibility tree a screen reader reads (Chromium)", function () {
  this.timeout(60_000);
  const session = tabSession();

  const VIEWS = [
    {
      name: "round overview",
      as: "p-jari-toivonen",
      hash: "#/rounds/2020-2",
      ready: (p: Page) => p.locator("[data-subject]").first().waitFor(),
    },
    {
      name: "goal page",
      as: "p-jari-toivonen",
      hash: "#/rounds/2020-2/goals/2020-liikkumisohjelma/2020-liikkumisohjelma-ikaihmiset",
      ready: (p: Page) => p.getByTestId("history").waitFor(),
    },
    {
      name: "round administration",
      as: "p-tuuli-rantanen",
      hash: "#/admin/rounds/2020-2",
      ready: (p: Page) => p.locator("[data-subject]").first().waitFor(),
    },
    {
      name: "accessibility statement",
      as: "p-aino-aaltonen",
      hash: "#/accessibility",
      ready: (p: Page) => p.getByRole("button", { name: "Lähetä palaute" }).waitFor(),
    },
  ];

  for (const view of VIEWS) {
    it(`gives the ${view.name} landmarks, headings in order and a name for every control`, async () => {
      const { page } = await session.open({ as: view.as, hash: view.hash, language: "fi" });
      await view.ready(page);
      check(view.name, await readingOrder(page));
    });
  }
});
