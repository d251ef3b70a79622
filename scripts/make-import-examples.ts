// Writes the import examples in docs/examples/ from the demo data (data/demo), so the documented
// formats are always the real thing: `npm run examples:import`. tests/unit/import/examples.test.ts
// checks that the committed files import cleanly and hold exactly the demo data.
//
//   register.xlsx        the whole register as one workbook, headers in Finnish
//   csv/<table>.csv      the same tables as CSV files (UTF-8 with BOM, ";"), headers as keys
//   register.json        the register in the JSON format (registerSchema)
//   history.json         the demo rounds and their reports (historySchema)
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { readDemoData } from "../bot/src/register/demo.js";
import { registerTables, writeCsv, writeXlsx } from "../bot/src/import/template.js";

const out = join(import.meta.dirname, "..", "docs", "examples");
mkdirSync(join(out, "csv"), { recursive: true });

const { register, history } = readDemoData();
const tables = registerTables(register);

writeFileSync(join(out, "register.xlsx"), await stable(await writeXlsx(tables, "fi")));
for (const table of tables) writeFileSync(join(out, "csv", `${table.kind}.csv`), writeCsv(table, "keys"));
writeFileSync(join(out, "register.json"), JSON.stringify(register, null, 2) + "\n");
writeFileSync(join(out, "history.json"), JSON.stringify(history, null, 2) + "\n");
console.log(
  `wrote ${out}: register.xlsx, csv/{${tables.map((t) => t.kind).join(",")}}.csv, register.json, history.json`,
);

/** The same workbook with fixed dates inside the zip, so regenerating changes nothing in git. */
async function stable(xlsx: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  const date = new Date(Date.UTC(2020, 0, 1));
  const copy = new JSZip();
  for (const name of Object.keys(zip.files).sort()) {
    const file = zip.files[name]!;
    if (file.dir) continue;
    copy.file(name, await file.async("uint8array"), { date, createFolders: false });
  }
  return copy.generateAsync({ type: "nodebuffer", compression: "DEFLATE", platform: "UNIX" });
}
