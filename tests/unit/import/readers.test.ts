import assert from "node:assert/strict";
import { deflateRawSync } from "node:zlib";
import type { Register } from "@goal-forecast/core/domain/model";
import { planRegisterImport } from "../../../bot/src/import/register-import.js";
import { newPersonId } from "../../../bot/src/import/tables/people.js";
import { registerTables, writeCsv } from "../../../bot/src/import/template.js";
import { MAX_UNPACKED_BYTES, unpackedSize } from "../../../bot/src/import/xlsx.js";
import { register } from "../../support/fixtures.js";

/** A minimal zip with one stored entry whose central directory declares `declared` bytes unpacked. */
function zip(declared: number): Buffer {
  const name = Buffer.from("xl/worksheets/sheet1.xml");
  const data = deflateRawSync(Buffer.alloc(16));
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(name.length, 28);
  const cdOffset = local.length + name.length + data.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(central.length + name.length, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, name, data, central, name, eocd]);
}

describe("import: readers' guards", () => {
  it("refuses a workbook that would unpack beyond the limit (zip bomb) before opening it", async () => {
    assert.equal(unpackedSize(zip(1234)), 1234);
    assert.equal(unpackedSize(Buffer.from("not a zip")), undefined);
    const plan = await planRegisterImport({ bytes: zip(MAX_UNPACKED_BYTES + 1), format: "xlsx" }, register);
    assert.deepEqual(
      plan.issues.map((i) => i.code),
      ["xlsxTooLarge"],
    );
    const broken = await planRegisterImport({ bytes: zip(100), format: "xlsx" }, register);
    assert.deepEqual(
      broken.issues.map((i) => i.code),
      ["xlsxUnreadable"],
    );
  });

  it("guards CSV cells against formula injection and reads them back as written", async () => {
    const goal = { ...register.goals[0]!, milestones: [{ id: "m1", text: '=HYPERLINK("x")', order: 1 }] };
    const withFormula: Register = { ...register, goals: [goal] };
    const milestones = registerTables(withFormula).find((t) => t.kind === "milestones")!;
    const text = writeCsv(milestones);
    assert.match(text, /;"'=HYPERLINK\(""x""\)";/);
    const plan = await planRegisterImport({ bytes: Buffer.from(text), format: "csv" }, register);
    assert.deepEqual(plan.issues, []);
    assert.equal(plan.candidate.goals[0]?.milestones[0]?.text, '=HYPERLINK("x")');
  });

  it("makes readable person ids from UPNs, unique among the stored ones", () => {
    assert.equal(newPersonId("Åsa.Öberg@example.org", new Set()), "p-asa-oberg");
    assert.equal(newPersonId("aino.aaltonen@example.org", new Set(["p-aino-aaltonen"])), "p-aino-aaltonen-2");
  });
});
