// What people type: commands in Finnish, Swedish or English, as Teams delivers them (HTML, mentions).
import assert from "node:assert/strict";
import { parseCommand } from "../../../bot/src/checkin/commands.js";
import { md } from "../../../bot/src/cards/markdown.js";

describe("typed commands", () => {
  it("understands each command in all three languages", () => {
    for (const word of ["help", "ohje", "hjälp", "Help!", "?"])
      assert.deepEqual(parseCommand(word), { command: "help" });
    for (const word of ["status", "tila", "läge"])
      assert.deepEqual(parseCommand(word), { command: "status" });
    for (const word of ["report", "raportoi", "rapportera"])
      assert.deepEqual(parseCommand(word), { command: "report" });
  });

  it("reads the language from 'language', 'kieli' or 'språk', by code or by name", () => {
    assert.deepEqual(parseCommand("language sv"), { command: "language", language: "sv" });
    assert.deepEqual(parseCommand("kieli englanti"), { command: "language", language: "en" });
    assert.deepEqual(parseCommand("språk finska"), { command: "language", language: "fi" });
    assert.deepEqual(parseCommand("language de"), { command: "language" });
  });

  it("ignores Teams' HTML wrapping and a mention of the bot", () => {
    assert.deepEqual(parseCommand("<p><at>Goal Forecast</at>&nbsp;tila</p>"), { command: "status" });
  });

  it("answers anything else with the help (unknown)", () => {
    assert.deepEqual(parseCommand("what is this"), { command: "unknown" });
    assert.deepEqual(parseCommand(""), { command: "unknown" });
    assert.deepEqual(parseCommand(undefined), { command: "unknown" });
  });
});

describe("Markdown escaping of people's text", () => {
  it("neutralises emphasis, links, code, lists, headings and quotes, keeping the text", () => {
    assert.equal(md("**a** _b_ [c](d) `e`"), "\\*\\*a\\*\\* \\_b\\_ \\[c\\]\\(d\\) \\`e\\`");
    assert.equal(md("- item"), "\\- item");
    assert.equal(md("12. item"), "12\\. item");
    assert.equal(md("# head"), "\\# head");
    assert.equal(md("> quote"), "\\> quote");
  });

  it("keeps line breaks as paragraphs (Markdown joins single newlines)", () => {
    assert.equal(md("one\ntwo\r\nthree"), "one\n\ntwo\n\nthree");
  });
});
