// End to end through a Teams client nobody here wrote: Microsoft 365 Agents Playground, offline,
// driven in headless Chromium. An owner of a Liikkumisohjelma project types "tila" (status), opens her
// check-in, fills the project's form, is told what a submission still lacks, completes it and submits;
// the report is in Azurite afterwards.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { startTestApp, type TestApp } from "../support/app.js";
import { openAutumnRound2020 } from "../support/demo-round.js";
import { launchChromium, PlaygroundChat, startPlayground, type Playground } from "../support/playground.js";

const TENANT = "00000000-0000-4000-8000-0000000000aa";
const SUBJECT = "2020-liikkumisohjelma-ikaihmiset";

describe("the check-in in Microsoft 365 Agents Playground", function () {
  this.timeout(120_000);
  let app: TestApp;
  let playground: Playground;
  let browser: Browser;
  let page: Page;

  before(async () => {
    app = await startTestApp(); // demo data from the seeds
    await openAutumnRound2020(app.stores.rounds, "2099-09-30T12:00:00.000Z");
    playground = await startPlayground(
      `${app.url}/api/messages`,
      { id: "user-leena", name: "Leena Salo", upn: "leena.salo@example.org", aadObjectId: randomUUID() },
      TENANT,
    );
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: "fi-FI" });
  });

  after(async () => {
    await browser?.close();
    await playground?.stop();
    await app?.close();
  });

  it("lets an owner check her status, open the check-in, fill it in and submit; the report is stored", async () => {
    const chat = new PlaygroundChat(page);
    await page.goto(playground.url);
    // Installing the app in the Playground links Leena by her UPN and welcomes her in Finnish.
    await chat.cardShows(/Hei Leena!/, 30_000);

    await chat.say("tila");
    await chat.cardShows("Tilanteesi");
    await chat.cardShows(/IKÄIHMISET/);
    await chat.press(/Avaa kysely/);

    // The status card turns into the check-in: one button per project she answers for.
    await chat.cardShows(/Hei Leena! Kerro ennusteesi/);
    assert.equal(await chat.lastCard().getByRole("button", { name: "Raportoi", exact: true }).count(), 4);
    await chat.press("Raportoi", 0);

    // The form, prefilled from Ennuste 2/2020 and marked so.
    await chat.cardShows(/Esitäytetty vastauksellasi kierrokselta Ennuste 2\/2020/);
    await chat.choose(/Tila/, "Tehty", 0);
    await chat.fillNumber(/Toteuma \(tavoite 4 palvelutoria\)/, "1");
    await chat.fillNumber(/Edistyminen kokonaisuutena/, "45");
    await chat.pick("Toteutuminen epävarma");
    await chat.press("Lähetä");

    // The 2020 deck left one risk without a mitigation: the error sits under that field, nothing is lost.
    await chat.cardShows(/Korjaa merkitty kenttä/);
    await chat.cardShows("Pakollinen tieto puuttuu.");
    assert.equal(
      await chat
        .lastCard()
        .getByRole("spinbutton", { name: /Edistyminen kokonaisuutena/ })
        .inputValue(),
      "45",
    );
    assert.equal(await app.stores.reports.get("2020-3", SUBJECT), undefined, "nothing saved yet");

    await chat.fillText(/Varautuminen riskiin 2/, "Seurataan Apotin aikataulua kuukausittain.");
    await chat.press("Lähetä");
    await chat.cardShows(/Kiitos! Raporttisi on lähetetty/);
    await chat.cardShows(/1 \/ 4 palvelutoria/);

    const stored = await app.stores.reports.get("2020-3", SUBJECT);
    assert.equal(stored?.state, "submitted");
    assert.equal(stored?.submittedBy, "p-leena-salo");
    assert.equal(stored?.progress, 45);
    assert.equal(stored?.verdict, "atRisk");
    assert.equal(stored?.milestones.find((m) => m.milestoneId === "m1")?.status, "done");
    assert.equal(stored?.milestones.find((m) => m.milestoneId === "m3")?.actual, 1);
    assert.equal(stored?.risks[1]?.mitigation, "Seurataan Apotin aikataulua kuukausittain.");
    const events = await app.stores.reports.events("2020-3", SUBJECT);
    assert.deepEqual(
      events.map((e) => `${e.by}:${e.action}`),
      ["p-leena-salo:submit"],
    );
    // The Playground's member lookup linked the Teams user to the register person.
    assert.ok((await app.stores.register.person("p-leena-salo"))?.aadObjectId);
  });
});
