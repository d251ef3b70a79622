// The accessibility statement (Act 306/2019) in the tab, in Finnish, Swedish and English, with the
// organisation's own name from configuration, and its feedback form: stored, audited, and a receipt
// with the date by which the answer is due (14 days).
import assert from "node:assert/strict";
import { feedbackAnswerDue } from "@goal-forecast/core/domain/feedback";
import { dateFieldText } from "@goal-forecast/core/i18n/format";
import { tabSession } from "../support/browser.js";

const OWNER = "p-aino-aaltonen";

describe("the accessibility statement and feedback in a browser", function () {
  this.timeout(60_000);
  // The browser logs the refused request (400) that the empty feedback provokes on purpose.
  const session = tabSession({ expectedErrors: /status of 400/ });

  const SECTIONS = {
    fi: {
      title: "Saavutettavuusseloste",
      org: "Helsingin kaupunki",
      headings: [
        "Saavutettavuuden tila",
        "Ei-saavutettava sisältö",
        "Miten saavutettavuus on arvioitu",
        "Anna palautetta saavutettavuudesta",
        "Valvontaviranomainen",
      ],
      status: /täyttää .*WCAG\) 2\.1 tason AA vaatimukset osittain/,
    },
    sv: {
      title: "Tillgänglighetsutlåtande",
      org: "Helsingfors stad",
      headings: [
        "Tillgänglighetens status",
        "Innehåll som inte är tillgängligt",
        "Hur tillgängligheten har bedömts",
        "Ge respons om tillgängligheten",
        "Tillsynsmyndighet",
      ],
      status: /uppfyller delvis kraven på nivå AA .*\(WCAG\) 2\.1/,
    },
    en: {
      title: "Accessibility statement",
      org: "City of Helsinki",
      headings: [
        "Compliance status",
        "Non-accessible content",
        "How accessibility was assessed",
        "Feedback on accessibility",
        "Supervisory authority",
      ],
      status: /partially meets the level AA requirements .*\(WCAG\) 2\.1/,
    },
  } as const;

  for (const [language, expected] of Object.entries(SECTIONS) as [
    keyof typeof SECTIONS,
    (typeof SECTIONS)["fi"],
  ][]) {
    it(`reads in ${language}: status, gaps, assessment, feedback and the supervising authority`, async () => {
      const { page } = await session.open({ as: OWNER, hash: "#/rounds/2020-2", language });
      // Reached from every view's footer.
      await page.getByRole("contentinfo").getByRole("link", { name: expected.title }).click();
      await page.getByRole("heading", { level: 1, name: expected.title }).waitFor();
      assert.deepEqual(await page.getByRole("heading", { level: 2 }).allTextContents(), expected.headings);
      const main = (await page.getByRole("main").textContent()) ?? "";
      assert.ok(main.includes(expected.org), `names ${expected.org}`);
      assert.match(main, expected.status);
      // Traficom has supervised accessibility since 1 January 2025 (before: the Regional State Administrative Agency).
      assert.match(main, /Traficom.*029 534 5000/, "the authority's contact");
      assert.match(main, /14/, "the answer within 14 days");
    });
  }

  it("stores feedback and shows its receipt with the date the answer is due", async () => {
    const { page } = await session.open({ as: OWNER, hash: "#/accessibility", language: "fi" });
    const send = page.getByRole("button", { name: "Lähetä palaute" });
    await send.click();
    // Nothing typed: the server's objection in Finnish, at the field.
    const message = page.getByRole("textbox", { name: /^Palaute/ });
    await page.locator("textarea[aria-invalid='true']").waitFor();

    await message.fill("Kierroksen hallinnan taulukko ei kerro ruudunlukijalle sarakkeiden nimiä.");
    await page.getByRole("textbox", { name: /^Missä näkymässä/ }).fill("Hallinta, kierros");
    await send.click();
    const receipt = page.getByTestId("feedback-receipt");
    await receipt.waitFor();
    const text = (await receipt.textContent()) ?? "";
    const id = /numerolla (\S+)\./.exec(text)?.[1];
    assert.ok(id, text);

    const stored = await session.app.stores.feedback.get(id);
    assert.ok(stored, "stored under the receipt's number");
    assert.equal(stored.topic, "accessibility");
    assert.equal(stored.where, "Hallinta, kierros");
    assert.equal(stored.from.personId, OWNER);
    assert.equal(stored.language, "fi");
    assert.equal(stored.answerBy, feedbackAnswerDue(stored.receivedAt));
    assert.ok(text.includes(`viimeistään ${dateFieldText(stored.answerBy, "fi")}`), text);
    assert.equal(await message.inputValue(), "", "the form is ready for the next one");
    const audited = await session.app.stores.audit.forTarget(`feedback:${id}`, [
      stored.receivedAt.slice(0, 7),
    ]);
    assert.equal(audited[0]?.action, "feedback.received");
  });
});
