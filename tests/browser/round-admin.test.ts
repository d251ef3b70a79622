// The planning office runs a round in a browser: a new round through its dialog (the server's
// objection next to the field, nothing saved until it is right), a confirmed opening, a new deadline.
import assert from "node:assert/strict";
import { tabSession } from "../support/browser.js";

const ADMIN = "p-tuuli-rantanen";

describe("running a round in a browser", function () {
  this.timeout(60_000);
  // The browser logs the refused request (400) that the first test provokes on purpose.
  const session = tabSession({ expectedErrors: /status of 400/ });
  const open = (hash: string) => session.open({ as: ADMIN, hash, language: "fi" });

  it("creates a round: the server's objection shows at its field, then the round is made", async () => {
    const { page } = await open("#/admin/rounds");
    await page.locator("[data-round]").first().waitFor();
    await page.getByRole("button", { name: "Uusi kierros" }).click();
    const dialog = page.getByRole("dialog", { name: "Uusi kierros" });
    await dialog.getByRole("spinbutton", { name: /^Vuosi/ }).fill("2021");
    await dialog.getByRole("spinbutton", { name: /^Numero/ }).fill("5");
    await dialog.getByRole("checkbox", { name: "Asiakaskokemus ja palvelustrategia" }).waitFor();
    await dialog.getByLabel(/^Määräpäivä/).fill("2099-03-31");
    // The browser lets words through as reminder days; the server refuses them per field.
    const reminders = dialog.getByRole("textbox", { name: /^Muistutukset/ });
    await reminders.fill("viikkoa ennen");

    await dialog.getByRole("button", { name: "Luo" }).click();
    await dialog.locator("input[aria-invalid='true']").waitFor();
    assert.equal(await reminders.getAttribute("aria-invalid"), "true", "the objection is at the reminders");
    assert.equal(await session.app.stores.rounds.get("2021-5"), undefined, "nothing saved");

    await reminders.fill("7, 0");
    await dialog.getByRole("button", { name: "Luo" }).click();
    await page.waitForURL(/#\/admin\/rounds\/2021-5$/);
    const round = await session.app.stores.rounds.get("2021-5");
    assert.equal(round?.state, "draft");
    assert.equal(round?.name.fi, "Ennuste 5/2021");
    assert.deepEqual(round?.reminderDays, [7, 0]);
  });

  it("opens a round only when confirmed, and moves its deadline", async () => {
    await session.app.api("/api/rounds", {
      as: ADMIN,
      method: "POST",
      body: {
        year: 2021,
        number: 6,
        name: { fi: "Ennuste 6/2021" },
        dueAt: "2099-04-30",
        goalIds: ["2021-asiakaskokemus"],
      },
    });
    const { page } = await open("#/admin/rounds/2021-6");
    // Before opening: whom the check-ins will reach (this server has no Microsoft Graph, and nobody
    // of the goal has met the bot yet).
    const reach = page.getByTestId("reach");
    await reach.getByText(/ei tavoiteta ennen kuin avaa botin/).waitFor();
    await reach.getByText(/Microsoft Graph ei ole käytössä/).waitFor();
    await page.getByRole("button", { name: "Avaa kierros" }).click();
    const confirm = page.getByRole("dialog", { name: "Avataanko Ennuste 6/2021?" });
    await confirm.getByText(/saa nyt kyselyn/).waitFor();
    await confirm.getByRole("button", { name: "Peruuta" }).click();
    await confirm.waitFor({ state: "detached" });
    assert.equal(
      (await session.app.stores.rounds.get("2021-6"))?.state,
      "draft",
      "cancel leaves it as it was",
    );

    // Found by role: the closed dialog left the page readable to screen readers (no aria-hidden).
    await page.getByRole("button", { name: "Siirrä määräpäivää" }).click();
    const extend = page.getByRole("dialog", { name: "Siirrä määräpäivää" });
    await extend.getByLabel(/^Määräpäivä/).fill("2099-05-29");
    await extend.getByRole("button", { name: "Siirrä määräpäivää" }).click();
    await page.getByText(/^Uusi määräpäivä on/).waitFor();
    assert.match((await session.app.stores.rounds.get("2021-6"))?.dueAt ?? "", /^2099-05-29T/);

    await page.getByRole("button", { name: "Avaa kierros" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Avaa kierros" }).click();
    await page.getByText("Kierros on avattu. Kyselyt ovat matkalla.").waitFor();
    assert.equal((await session.app.stores.rounds.get("2021-6"))?.state, "open");
    await reach.waitFor({ state: "detached" });
  });
});
