// The planning office's pages in a browser: importing the register with a row-by-row report of what is
// wrong, editing a goal, and people's roles. Everything goes through the real server and storage.
import assert from "node:assert/strict";
import { tabSession } from "../support/browser.js";

const ADMIN = "p-tuuli-rantanen";

function peopleCsv(rows: string[]): Buffer {
  return Buffer.from(
    ["upn;display_name;email;language;roles;manager;person_id", ...rows].join("\r\n"),
    "utf8",
  );
}

describe("administration in a browser", function () {
  this.timeout(60_000);
  // The browser logs the refused requests (400, 409) that the bad file, the too-long name and the frozen
  // round's goal provoke on purpose.
  const session = tabSession({ expectedErrors: /status of 40[09]/ });
  const open = (hash: string, as = ADMIN) => session.open({ as, hash, language: "fi" });

  it("imports people from CSV: checks first, lists each bad row, imports only a clean file", async () => {
    const { page } = await open("#/admin/goals/2020");
    await page.locator("[data-goal]").first().waitFor();
    const file = page.getByLabel("Tiedosto", { exact: true });
    await file.setInputFiles({
      name: "people.csv",
      mimeType: "text/csv",
      buffer: peopleCsv([
        "kaisu.uusi@example.org;Kaisu Uusi;kaisu.uusi@example.org;fi;;;p-kaisu-uusi",
        "ei-sahkoposti;Väärä Osoite;;xx;;;p-vaara",
      ]),
    });
    await page.getByRole("button", { name: "Tarkista tiedosto" }).click();
    const errors = page.getByTestId("import-errors");
    await errors.waitFor();
    const text = (await errors.textContent()) ?? "";
    assert.match(text, /rivi 3/, "the bad row is named");
    assert.ok(
      await page.getByRole("button", { name: "Tuo", exact: true }).isDisabled(),
      "nothing to import yet",
    );
    assert.equal(
      await session.app.stores.register.person("p-kaisu-uusi"),
      undefined,
      "the check saved nothing",
    );

    await file.setInputFiles({
      name: "people.csv",
      mimeType: "text/csv",
      buffer: peopleCsv(["kaisu.uusi@example.org;Kaisu Uusi;kaisu.uusi@example.org;sv;;;p-kaisu-uusi"]),
    });
    await page.getByRole("button", { name: "Tarkista tiedosto" }).click();
    await page.getByRole("button", { name: "Tuo", exact: true }).and(page.locator(":enabled")).click();
    await page
      .getByTestId("import-done")
      .getByText(/Henkilöitä: 1/)
      .waitFor();
    const person = await session.app.stores.register.person("p-kaisu-uusi");
    assert.equal(person?.language, "sv");
  });

  it("edits a goal and shows the server's objection next to the field", async () => {
    // Every demo goal was reported on in a frozen round, which keeps its wording (below): edit next
    // year's copy of one instead.
    const demo = (await session.app.stores.register.goal("2020-palvelutarjotin"))!;
    await session.app.stores.register.saveGoal({ ...demo, id: "2022-palvelutarjotin", year: 2022 });
    const { page } = await open("#/admin/goals/2022-palvelutarjotin");
    const title = page.getByRole("textbox", { name: /^Nimi/ }).first();
    await title.waitFor();
    assert.equal(await title.inputValue(), "Palvelutarjotin");
    // Longer than a goal's name may be: the browser lets it through, the server refuses it per field.
    await title.fill("Palvelutarjotin ".repeat(20));
    await page.getByRole("button", { name: "Tallenna" }).click();
    await page
      .getByText(/enintään 200 merkkiä/)
      .first()
      .waitFor();
    assert.equal(
      (await session.app.stores.register.goal("2022-palvelutarjotin"))?.title,
      "Palvelutarjotin",
      "nothing saved",
    );
    await title.fill("Palvelutarjotin (Kasko)");
    await page.getByRole("button", { name: "Tallenna" }).click();
    await page.getByText("Palvelutarjotin (Kasko) on tallennettu.").waitFor();
    assert.equal(
      (await session.app.stores.register.goal("2022-palvelutarjotin"))?.title,
      "Palvelutarjotin (Kasko)",
    );
  });

  it("says why a goal of a frozen round keeps its title, and saves nothing", async () => {
    const { page } = await open("#/admin/goals/2020-palvelutarjotin");
    const title = page.getByRole("textbox", { name: /^Nimi/ }).first();
    await title.waitFor();
    await title.fill("Palvelutarjotin (Kasko)");
    await page.getByRole("button", { name: "Tallenna" }).click();
    await page
      .getByText(/lukittuun kierrokseen 2020-\d/)
      .first()
      .waitFor();
    assert.equal((await session.app.stores.register.goal("2020-palvelutarjotin"))?.title, "Palvelutarjotin");
  });

  it("gives a person the manager role", async () => {
    const { page } = await open("#/admin/people");
    await page.locator("[data-person='p-olli-harju']").waitFor();
    await page.getByRole("button", { name: "Muokkaa: Olli Harju" }).click();
    await page.getByRole("dialog").getByLabel("Johto").check();
    await page.getByRole("dialog").getByRole("button", { name: "Tallenna" }).click();
    await page.getByText("Olli Harju on tallennettu.").waitFor();
    await page.locator("[data-person='p-olli-harju']").getByText("Johto").waitFor();
    assert.deepEqual((await session.app.stores.register.person("p-olli-harju"))?.roles, ["manager"]);
    // The role holds on the server: Olli now sees every goal of 2020, not only the one he prepares.
    const goals = await session.app.api("/api/goals?year=2020", { as: "p-olli-harju" });
    assert.equal((goals.body as unknown[]).length, 5);
  });
});
