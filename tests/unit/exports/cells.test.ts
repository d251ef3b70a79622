import assert from "node:assert/strict";
import fc from "fast-check";
import { inertCell } from "../../../bot/src/exports/csv.js";
import { contentDisposition } from "../../../bot/src/exports/filename.js";
import { asBullets } from "../../../bot/src/exports/model.js";

describe("export cells and file names", () => {
  it("makes every cell that a spreadsheet would run as a formula start with an apostrophe", () => {
    for (const dangerous of ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("x")'])
      assert.equal(inertCell(dangerous), `'${dangerous}`);
    for (const safe of ["Toteutumassa", "• item", " =1", "'quoted", ""]) assert.equal(inertCell(safe), safe);
    fc.assert(
      fc.property(fc.string(), (value) => {
        const cell = inertCell(value);
        assert.doesNotMatch(cell, /^[=+\-@\t\r]/);
        assert.ok(cell === value || cell === `'${value}`);
      }),
    );
  });

  it("writes list items as bullets, as the seed decks do", () => {
    assert.equal(
      asBullets("- yksi\n- kaksi\n  * kolme\nei-lista -"),
      "• yksi\n• kaksi\n  • kolme\nei-lista -",
    );
  });

  it("names the file for old and new clients", () => {
    assert.equal(
      contentDisposition("Prognos 2-2020 sammanställning.xlsx"),
      "attachment; filename=\"Prognos_2-2020_sammanstallning.xlsx\"; filename*=UTF-8''Prognos%202-2020%20sammanst%C3%A4llning.xlsx",
    );
    // Quotes and line breaks cannot end the header value or start a new header.
    assert.match(
      contentDisposition('a"b\r\nc.csv'),
      /^attachment; filename="a-b-c\.csv"; filename\*=UTF-8''a%22b%0D%0Ac\.csv$/,
    );
  });
});
