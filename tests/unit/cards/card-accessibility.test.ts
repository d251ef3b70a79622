// Every card the bot can send, in Finnish, Swedish and English, read as a screen reader would: every
// input has a label, every choice a title, every image a text, and a status is never colour alone (a
// coloured text says it in words or numbers; a coloured shape without text, such as the progress bar,
// follows the text that says the same).
import assert from "node:assert/strict";
import { LANGUAGES } from "@goal-forecast/core/domain/model";
import { allCards } from "../../support/bot-cards.js";

type Json = Record<string, unknown>;

const STATUS_STYLES = new Set(["good", "attention", "warning", "accent"]);
const meaningful = (text: unknown): boolean => typeof text === "string" && /[\p{L}\p{N}]/u.test(text);

const children = (el: Json): Json[] =>
  ["items", "columns", "body", "actions", "inlines"].flatMap((k) =>
    Array.isArray(el[k]) ? (el[k] as Json[]) : [],
  );

/** All the text a screen reader reads out of an element (its texts, labels, titles, facts). */
function textOf(el: Json): string {
  const own = [el.text, el.label, el.title, el.altText].filter((v) => typeof v === "string").join(" ");
  const facts = Array.isArray(el.facts) ? (el.facts as Json[]).map((f) => `${f.title} ${f.value}`) : [];
  return [own, ...facts, ...children(el).map(textOf)].join(" ");
}

/** Is colour used on this element or inside it (a coloured text, a container in a status style)? */
function coloured(el: Json): boolean {
  const mine =
    (el.type === "TextBlock" || el.type === "TextRun") && el.color !== undefined && el.color !== "default";
  const styled = (el.type === "Container" || el.type === "Column") && STATUS_STYLES.has(String(el.style));
  return mine || styled || children(el).some(coloured);
}

function problems(card: Json): string[] {
  const found: string[] = [];
  /** `bare`: inside a shape already judged as a whole (the progress bar's columns are one bar). */
  const visit = (el: Json, path: string, bare = false) => {
    const type = String(el.type ?? "");
    const at = `${path}/${type}${typeof el.id === "string" ? `#${el.id}` : ""}`;
    if (type.startsWith("Input.") && !meaningful(el.label)) found.push(`${at}: an input without a label`);
    if (type === "Input.ChoiceSet")
      for (const choice of (el.choices as Json[] | undefined) ?? [])
        if (!meaningful(choice.title))
          found.push(`${at}: a choice (${String(choice.value)}) without a title`);
    if (type === "Input.Toggle" && !meaningful(el.title)) found.push(`${at}: a toggle without a title`);
    if (type === "Image" && !meaningful(el.altText)) found.push(`${at}: an image without alternative text`);
    if (
      (type === "TextBlock" || type === "TextRun") &&
      el.color &&
      el.color !== "default" &&
      !meaningful(el.text)
    )
      found.push(`${at}: colour (${String(el.color)}) without words`);
    const list = children(el);
    list.forEach((child, i) => {
      // A coloured shape with no text of its own needs the words right before it.
      const previous = list[i - 1];
      const shape = coloured(child) && !meaningful(textOf(child));
      if (shape && !bare && !(previous && meaningful(textOf(previous))))
        found.push(`${at}/${String(child.type)}: status in colour alone, no text before it`);
      visit(child, at, bare || shape);
    });
  };
  visit(card, "");
  return found;
}

describe("the bot's cards for screen readers", () => {
  for (const lang of LANGUAGES) {
    it(`labels every input and choice and never shows status in colour alone (${lang})`, () => {
      const cards = allCards(lang);
      assert.ok(cards.length > 20, "every card the bot sends");
      const found = cards.flatMap(([label, card]) =>
        problems(card as unknown as Json).map((p) => `${label}: ${p}`),
      );
      assert.deepEqual(found, []);
    });
  }

  it("finds what it looks for (a card with an unlabelled input, a bare choice, colour alone)", () => {
    const broken: Json = {
      type: "AdaptiveCard",
      body: [
        { type: "Input.Text", id: "a" },
        { type: "Input.ChoiceSet", id: "b", label: "Tila", choices: [{ title: "", value: "x" }] },
        { type: "TextBlock", text: "●", color: "attention" },
        {
          type: "ColumnSet",
          columns: [{ type: "Column", style: "good", items: [{ type: "TextBlock", text: " " }] }],
        },
      ],
    };
    assert.deepEqual(problems(broken), [
      "/AdaptiveCard/Input.Text#a: an input without a label",
      "/AdaptiveCard/Input.ChoiceSet#b: a choice (x) without a title",
      "/AdaptiveCard/TextBlock: colour (attention) without words",
      "/AdaptiveCard/ColumnSet: status in colour alone, no text before it",
    ]);
  });
});
