import assert from "node:assert/strict";
import { decodeText } from "../../../bot/src/import/decode.js";

const latin1 = (text: string): Buffer => Buffer.from(text, "latin1");

describe("import: reading the bytes of a text file", () => {
  it("reads UTF-8 with and without a BOM", () => {
    for (const bytes of [
      Buffer.from("Ympäristö;Åbo"),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("Ympäristö;Åbo")]),
    ]) {
      const decoded = decodeText(bytes);
      assert.ok(decoded.ok);
      assert.equal(decoded.text, "Ympäristö;Åbo");
      assert.equal(decoded.encoding, "utf-8");
      assert.deepEqual(decoded.issues, []);
    }
  });

  it("reads Excel's Windows-1252 CSV with ä, ö and å intact, and says so", () => {
    const decoded = decodeText(latin1("otsikko\nTyöllisyys ja Åbo, Ärrä\n"));
    assert.ok(decoded.ok);
    assert.equal(decoded.encoding, "windows-1252");
    assert.match(decoded.text, /Työllisyys ja Åbo/);
    assert.deepEqual(
      decoded.issues.map((i) => [i.severity, i.code, i.params?.line]),
      [["warning", "encodingConverted", 2]],
    );
  });

  it("reads UTF-16 with a BOM (Excel's 'Unicode text')", () => {
    const body = Buffer.from("Määrä\tö", "utf16le");
    const decoded = decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), body]));
    assert.ok(decoded.ok);
    assert.equal(decoded.text, "Määrä\tö");
  });

  it("refuses a file that mixes UTF-8 and Latin-1, pointing at the line", () => {
    const bytes = Buffer.concat([Buffer.from("a;b\nYmpäristö;1\n"), latin1("Työ;2\n")]);
    const decoded = decodeText(bytes, "goals.csv");
    assert.equal(decoded.ok, false);
    assert.deepEqual(
      decoded.issues.map((i) => [i.code, i.table, i.row]),
      [["encodingMixed", "goals.csv", 3]],
    );
  });

  it("refuses UTF-16 without a BOM and binary data", () => {
    const decoded = decodeText(Buffer.from("goal_id;title", "utf16le"));
    assert.equal(decoded.ok, false);
    assert.equal(decoded.issues[0]?.code, "encodingUnknown");
    assert.equal(decodeText(new Uint8Array(0)).issues[0]?.code, "fileEmpty");
  });

  it("warns about text that was already garbled (Ã¤ for ä)", () => {
    const decoded = decodeText(Buffer.from("a;b\nYmpÃ¤ristÃ¶;1\n"));
    assert.ok(decoded.ok);
    assert.deepEqual(
      decoded.issues.map((i) => [i.code, i.row]),
      [["encodingSuspicious", 2]],
    );
  });
});
