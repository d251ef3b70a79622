// The planning office runs a round in a browser: a new round through its dialog (the server's
// objection next to the field, nothing saved until it is right), a confirmed opening, a new deadline.
import assert from "node:assert/strict";
import { helsinkiDueAt } from "@goal-forecast/core/domain/deadline";
import { tabSession } from "../support/browser.js";

const ADMIN = "p-tuuli-rantanen";

describe("running a round in a browser", function () {
  this.timeout(60_000);
  // The browser logs the refused request (400) that the first test provokes on purpose.
  const session = tabSession({ expectedErrors: /status of 400/ });
  const open = (hash: string) => session.open({ as: ADMIN, hash, language: "fi" });

  it("fits the new-round dialog's fields inside it at 1280 × 900, with dates written the Finnish way", async () => {
    const { page } = await open("#/admin/rounds");
    await page.locator("[data-round]").first().waitFor();
    await page.getByRole("button", { name: "Uusi kierros" }).click();
    const dialog = page.getByRole("dialog", { name: "Uusi kierros" });
    await dialog.getByRole("spinbutton", { name: /^Vuosi/ }).fill("2021");
    await dialog.getByRole("checkbox").first().waitFor();
    // The dialog's content area (its surface less the padding), where the fields must stay.
    const box = await dialog.locator(".fui-DialogContent").boundingBox();
    assert.ok(box);
    const [left, right] = [box.x, box.x + box.width];
    const inputs = await dialog.locator("input:not([type=checkbox])").all();
    assert.equal(inputs.length, 8, "year, number, three names, date, time, reminders");
    const fields = [];
    for (const input of inputs) {
      const field = await input.boundingBox();
      const id = await input.getAttribute("id");
      const name = await page.locator(`label[for="${id}"]`).textContent();
      assert.ok(field, `${name} is shown`);
      assert.ok(
        field.x >= left - 0.5 && field.x + field.width <= right + 0.5,
        `${name} (${field.x}–${field.x + field.width}) inside the dialog (${left}–${right})`,
      );
      fields.push({ name, ...field });
    }
    for (const a of fields)
      for (const b of fields)
        if (a !== b && a.y === b.y)
          assert.ok(
            a.x + a.width <= b.x + 0.5 || b.x + b.width <= a.x + 0.5,
            `${a.name} and ${b.name} apart`,
          );
    // The browser's own date and time inputs would show mm/dd/yyyy and 04:00 PM here.
    assert.equal(await dialog.getByRole("textbox", { name: /^Kellonaika/ }).inputValue(), "16.00");
    const year = new Date().getFullYear();
    await dialog.getByText(`Muodossa pp.kk.vvvv, esimerkiksi 31.3.${year}`).waitFor();
  });

  it("creates a round: the server's objection shows at its field, then the round is made", async () => {
    const { page } = await open("#/admin/rounds");
    await page.locator("[data-round]").first().waitFor();
    await page.getByRole("button", { name: "Uusi kierros" }).click();
    const dialog = page.getByRole("dialog", { name: "Uusi kierros" });
    await dialog.getByRole("spinbutton", { name: /^Vuosi/ }).fill("2021");
    await dialog.getByRole("spinbutton", { name: /^Numero/ }).fill("5");
    await dialog.getByRole("checkbox", { name: "Asiakaskokemus ja palvelustrategia" }).waitFor();
    await dialog.getByRole("textbox", { name: /^Määräpäivä/ }).fill("31.3.2099");
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
    // Typed as Finnish text and read as Helsinki time, whatever the browser's time zone.
    assert.equal(round?.dueAt, helsinkiDueAt("2099-03-31", "16:00"));
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
    await extend.getByRole("textbox", { name: /^Määräpäivä/ }).fill("29.5.2099");
    await extend.getByRole("textbox", { name: /^Kellonaika/ }).fill("9.30");
    await extend.getByRole("button", { name: "Siirrä määräpäivää" }).click();
    await page.getByText(/^Uusi määräpäivä on/).waitFor();
    assert.equal(
      (await session.app.stores.rounds.get("2021-6"))?.dueAt,
      helsinkiDueAt("2099-05-29", "09:30"),
    );

    await page.getByRole("button", { name: "Avaa kierros" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Avaa kierros" }).click();
    await page.getByText("Kierros on avattu. Kyselyt ovat matkalla.").waitFor();
    assert.equal((await session.app.stores.rounds.get("2021-6"))?.state, "open");
    await reach.waitFor({ state: "detached" });
  });
});
