// The tab in a real browser against the real server and the seeds' demo data: each view shows the
// seeded content, filters work, drafts stay private, and the page keeps to its Content-Security-Policy.
import assert from "node:assert/strict";
import { saveReport } from "../../bot/src/reporting/save.js";
import { tabSession, type OpenTabOptions } from "../support/browser.js";
import { openRound2021 } from "../support/demo-round.js";

describe("the tab in a browser", function () {
  this.timeout(60_000);
  const session = tabSession();
  const open = (options?: OpenTabOptions) => session.open(options);

  before(async () => {
    // An open round with an owner's draft (the demo rounds are all frozen): 2021's mobility goal.
    await session.app.stores.rounds.create(
      openRound2021(["2021-liikkuminen"], {
        name: { fi: "Ennuste 2/2021", sv: "Prognos 2/2021", en: "Forecast 2/2021" },
        opensAt: "2021-08-02T08:00:00.000Z",
        reminderDays: [7, 2, 0],
      }),
    );
    const saved = await saveReport(session.app.stores, {
      roundId: "2021-2",
      subjectId: "2021-liikkuminen",
      personId: "p-leena-salo",
      action: "draft",
      input: { narrative: "Luonnos: vain omistajan silmille", verdict: "atRisk", progress: 40 },
    });
    assert.equal(saved.kind, "saved");
  });

  it("signs in as a demo person on a development server and lands on the newest round", async () => {
    const { page } = await open();
    await page.getByRole("heading", { name: "Kirjaudu sisään" }).waitFor();
    await page.locator("[data-person=p-jari-toivonen]").click();
    await page.getByRole("heading", { level: 1, name: "Kierroksen yleiskuva" }).waitFor();
    assert.equal(await page.getByTestId("signed-in-as").textContent(), "Jari Toivonen");
    await page.waitForURL(/#\/rounds\/2021-2$/);
  });

  it("sets the sign-in page's heading above its paragraph, not on one line with it", async () => {
    const { page } = await open();
    const heading = await page.getByRole("heading", { level: 1, name: "Kirjaudu sisään" }).boundingBox();
    const intro = await page.locator("main p").first().boundingBox();
    assert.ok(heading && intro, "both are shown");
    assert.ok(intro.y >= heading.y + heading.height, "the paragraph starts below the heading");
  });

  it("shows a manager the June 2020 verdicts by theme, with the changes since March", async () => {
    const { page } = await open({ as: "p-jari-toivonen", hash: "#/rounds/2020-2" });
    await page.locator("[data-subject]").first().waitFor();
    assert.equal(await page.locator("[data-subject]").count(), 8);
    const count = async (verdict: string) =>
      (await page.locator(`[data-verdict-count='${verdict}']`).textContent())?.replace(/\D+/g, "");
    assert.deepEqual(
      [await count("onTrack"), await count("atRisk"), await count("notAchieved"), await count("achieved")],
      ["5", "1", "2", "0"],
    );
    const seniors = page.locator("[data-subject='2020-liikkumisohjelma-ikaihmiset']");
    assert.match((await seniors.textContent()) ?? "", /IKÄIHMISET/);
    assert.equal(await seniors.locator("[data-verdict='notAchieved']").count(), 1);
    assert.match(
      (await seniors.locator("[data-changed]").textContent()) ?? "",
      /Aiemmin: Toteutuminen epävarma/,
    );
    // Grouped by strategy theme, in the themes' order.
    const headings = await page.getByRole("heading", { level: 2 }).allTextContents();
    assert.deepEqual(
      headings.filter((h) =>
        ["Maailman", "Kestävän", "Uudistuvat", "Kaupunkiyhteiset"].some((w) => h.startsWith(w)),
      ),
      [
        "Maailman toimivin kaupunki",
        "Kestävän kasvun turvaaminen",
        "Uudistuvat palvelut",
        "Kaupunkiyhteiset hankkeet",
      ],
    );
    assert.match((await page.getByText("8/8 raporttia lähetetty").textContent()) ?? "", /8\/8/);
  });

  it("filters by verdict, owner and search, and says how many are shown", async () => {
    const { page } = await open({ as: "p-maria-berg", language: "fi", hash: "#/rounds/2020-2" });
    await page.locator("[data-subject]").first().waitFor();
    await page.getByLabel("Ennuste", { exact: true }).selectOption("notAchieved");
    assert.equal(await page.locator("[data-subject]").count(), 2);
    assert.equal(await page.getByTestId("result-count").textContent(), "Näytetään 2/8");
    await page.getByRole("button", { name: "Poista rajaukset" }).click();
    await page.getByLabel("Omistaja", { exact: true }).selectOption({ label: "Markus Vuori" });
    assert.deepEqual(
      await page
        .locator("[data-subject]")
        .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-subject"))),
      ["2020-palvelutarjotin"],
    );
    await page.getByRole("button", { name: "Poista rajaukset" }).click();
    await page.getByRole("searchbox").fill("nuoriso");
    assert.ok((await page.locator("[data-subject='2020-liikkumisohjelma-nuoret']").count()) === 1);
    await page.getByRole("checkbox", { name: /Vain edellisen kierroksen/ }).check();
    assert.equal(
      await page.locator("[data-subject='2020-liikkumisohjelma-nuoret'] [data-changed]").count(),
      1,
    );
  });

  it("shows a goal as the deck: Liikkumisohjelma's four projects, milestones in three columns, history", async () => {
    const { page } = await open({
      as: "p-jari-toivonen",
      hash: "#/rounds/2020-2/goals/2020-liikkumisohjelma/2020-liikkumisohjelma-nuoret",
    });
    await page.getByTestId("history").waitFor();
    assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "Liikkumisohjelma");
    const projects = await page.getByTestId("projects").locator("li").allTextContents();
    assert.equal(projects.length, 4);
    assert.deepEqual(
      projects.map((p) => p.split(":")[0]),
      ["IKÄIHMISET", "PIENET LAPSET", "PIENET LAPSET", "NUORET"],
    );
    assert.match((await page.getByTestId("owners").textContent()) ?? "", /Leena Salo/);
    // NUORET's two milestones are in progress in June, with values against their 100 % targets.
    const inProgress = page.locator("[data-column='inProgress'] [data-milestone]");
    assert.equal(await inProgress.count(), 2);
    assert.match((await inProgress.first().textContent()) ?? "", /40\s%\s\/\s100\s%/);
    assert.equal(await page.locator("[data-column='done'] [data-milestone]").count(), 0);
    assert.equal(
      await page.getByRole("progressbar", { name: "Edistyminen" }).getAttribute("aria-valuenow"),
      "35",
    );
    // History: June first, with what changed since March and who reported when.
    const rows = page.getByTestId("history").locator("[data-round]");
    assert.deepEqual(await rows.evaluateAll((r) => r.map((x) => x.getAttribute("data-round"))), [
      "2020-2",
      "2020-1",
    ]);
    assert.match((await rows.first().textContent()) ?? "", /Ennuste: Toteutumassa → Toteutuminen epävarma/);
    assert.match((await rows.first().textContent()) ?? "", /Leena Salo/);
    // The seniors' project from the list: atRisk in March, notAchieved in June.
    await page.getByRole("link", { name: /^IKÄIHMISET/ }).click();
    await page.waitForURL(/2020-liikkumisohjelma-ikaihmiset$/);
    await page.locator("[data-round='2020-2'] [data-verdict='notAchieved']").waitFor();
  });

  it("compares June with March 2020: worse forecasts first, then new risks", async () => {
    const { page } = await open({ as: "p-jari-toivonen", hash: "#/compare/2020-2/2020-1" });
    await page.locator("[data-group]").first().waitFor();
    const groups = await page
      .locator("[data-group]")
      .evaluateAll((g) => g.map((x) => x.getAttribute("data-group")));
    assert.equal(groups[0], "worse");
    const worse = await page
      .locator("[data-group='worse'] [data-subject]")
      .evaluateAll((r) => r.map((x) => x.getAttribute("data-subject")));
    assert.deepEqual([...worse].sort(), [
      "2020-biennaali",
      "2020-liikkumisohjelma-ikaihmiset",
      "2020-liikkumisohjelma-nuoret",
    ]);
    assert.equal(groups[1], "newRisks");
  });

  it("speaks the person's own language (Swedish for Maria Berg) and switches on request", async () => {
    const { page } = await open({ as: "p-maria-berg", hash: "#/rounds/2020-2" });
    await page.getByRole("heading", { level: 1, name: "Översikt över omgången" }).waitFor();
    assert.match(
      (await page
        .getByText(/sista dag/)
        .first()
        .textContent()) ?? "",
      /22\.6\.2020/,
    );
    assert.equal(await page.locator("html").getAttribute("lang"), "sv");
    assert.match((await page.locator("[data-subject='2020-biennaali']").textContent()) ?? "", /Uppnås inte/);
    await page.getByLabel("Språk").selectOption("en");
    await page.getByRole("heading", { level: 1, name: "Round overview" }).waitFor();
    assert.match(
      (await page.locator("[data-subject='2020-biennaali']").textContent()) ?? "",
      /Will not be achieved/,
    );
    assert.match((await page.getByText(/due/).first().textContent()) ?? "", /22\/06\/2020/);
  });

  it("never shows an owner's draft to a manager, but shows it to the owner", async () => {
    const manager = await open({ as: "p-jari-toivonen", hash: "#/rounds/2021-2" });
    const row = manager.page.locator("[data-subject='2021-liikkuminen']");
    await row.waitFor();
    assert.equal(
      await row.locator("[data-status='draft']").count(),
      1,
      "the manager sees that a draft exists",
    );
    assert.equal(await row.locator("[data-verdict]").count(), 0, "but not its forecast");
    await manager.page.goto(`${session.app.url}/index.html#/rounds/2021-2/goals/2021-liikkuminen`);
    await manager.page.getByTestId("history").waitFor();
    assert.equal(await manager.page.getByText("Luonnos: vain omistajan silmille").count(), 0);
    await manager.page.getByText("Tältä kierrokselta ei ole vielä raporttia").first().waitFor();

    const owner = await open({ as: "p-leena-salo", hash: "#/rounds/2021-2/goals/2021-liikkuminen" });
    await owner.page.getByText("Luonnos: vain omistajan silmille").waitFor();
    await owner.page.getByText(/Luonnoksen tallentanut Leena Salo/).waitFor();
  });

  it("can be used with the keyboard alone: skip link, filters, and into a goal", async () => {
    const { page } = await open({ as: "p-jari-toivonen", hash: "#/rounds/2020-2" });
    await page.locator("[data-subject]").first().waitFor();
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate("document.activeElement?.textContent"), "Siirry sisältöön");
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate("document.activeElement?.id"), "main");
    // Tab forward through the round picker, downloads and filters to the first goal's link.
    const visited: string[] = [];
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press("Tab");
      // A string, evaluated in the page (the tests are type-checked without the DOM library).
      const focused = (await page.evaluate(`(() => {
        const el = document.activeElement;
        return { tag: el?.tagName ?? "", href: el?.getAttribute("href") ?? "" };
      })()`)) as { tag: string; href: string };
      visited.push(focused.tag);
      if (focused.tag === "A" && focused.href.includes("/goals/")) break;
    }
    assert.ok(visited.includes("SELECT"), "the filters are reachable");
    assert.ok(visited.includes("INPUT"), "the search is reachable");
    const href = (await page.evaluate(`document.activeElement?.getAttribute("href")`)) as string | null;
    assert.match(href ?? "", /#\/rounds\/2020-2\/goals\/2020-digitalisaatio$/);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Digitalisaatio" }).waitFor();
    // Focus moved to the new view's content, not left behind on the old link.
    assert.equal(await page.evaluate("document.activeElement?.id"), "main");
    // A filter changed by keyboard only.
    await page.goto(`${session.app.url}/index.html#/rounds/2020-2`);
    await page.locator("[data-subject]").first().waitFor();
    await page.getByLabel("Ennuste", { exact: true }).focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    assert.equal(await page.getByLabel("Ennuste", { exact: true }).inputValue(), "atRisk");
    assert.equal(await page.locator("[data-subject]").count(), 1);
  });

  it("serves the page with a strict Content-Security-Policy that lets Teams frame it", async () => {
    const res = await fetch(`${session.app.url}/`);
    const policy = res.headers.get("content-security-policy") ?? "";
    assert.match(policy, /script-src 'self'(;|$)/);
    assert.match(policy, /style-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    assert.match(
      policy,
      /frame-ancestors 'self' https:\/\/teams\.microsoft\.com https:\/\/\*\.teams\.microsoft\.com/,
    );
    assert.match(policy, /https:\/\/\*\.cloud\.microsoft/);
    assert.equal(res.headers.get("x-frame-options"), null, "frame-ancestors decides, not X-Frame-Options");
    const again = (await fetch(`${session.app.url}/`)).headers.get("content-security-policy");
    assert.notEqual(again, policy, "a fresh nonce per page load");
    const api = await fetch(`${session.app.url}/api/health`);
    assert.equal(api.headers.get("content-security-policy"), "default-src 'none'; frame-ancestors 'none'");
  });
});
