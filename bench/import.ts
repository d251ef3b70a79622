// How much the import costs beyond merely reading the file and merely writing the documents.
// `npx tsx bench/import.ts [goals]` — prints medians of 3 runs and ratios against baselines measured
// in the same run, so the figures compare across machines:
//   read+check XLSX  / exceljs load of the same workbook
//   read+check CSV   / csv-parse of the same files
//   journaled write  / plain saveRegister of the same documents (Azurite in memory)
import { performance } from "node:perf_hooks";
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import type { Goal, Person, Register } from "@goal-forecast/core/domain/model";
import { createLogger } from "../bot/src/logging.js";
import { writeImport } from "../bot/src/import/apply.js";
import { planRegisterImport } from "../bot/src/import/register-import.js";
import { registerTables, writeCsv, writeXlsx } from "../bot/src/import/template.js";
import { StorageAccount, createStores } from "../bot/src/storage/index.js";
import { TableImportJournal } from "../bot/src/storage/imports.js";
import { startAzurite } from "../scripts/lib/azurite.js";

const GOALS = Number(process.argv[2] ?? 1000);
const MILESTONES = 10;
const PEOPLE = Math.max(10, Math.round(GOALS / 2));

function bigRegister(): Register {
  const people: Person[] = Array.from({ length: PEOPLE }, (_, i) => ({
    id: `p-${i}`,
    upn: `person.${i}@example.org`,
    displayName: `Henkilö ${i} Äänekoski`,
    language: "fi",
  }));
  const goals: Goal[] = Array.from({ length: GOALS }, (_, i) => ({
    id: `g-${i}`,
    year: 2026,
    themeId: "t-1",
    title: `Tavoite ${i}: palveluja parannetaan`,
    text: "Palveluja parannetaan asiakaskokemuksen perusteella. ".repeat(4).trim(),
    actions: ["Kartoitetaan nykytila.", "Toteutetaan muutokset."],
    indicators: ["Projektissa määritellyt toimenpiteet on tehty."],
    recoveryIndicator: i % 2 === 0,
    crossThemes: ["Osallisuus", "Saavutettavuus"],
    ownerIds: [`p-${i % PEOPLE}`],
    preparerIds: [`p-${(i + 1) % PEOPLE}`],
    milestones: Array.from({ length: MILESTONES }, (_, m) => ({
      id: `m${m + 1}`,
      text: `Välitavoite ${m + 1}: toimenpide tehty`,
      order: m + 1,
      ...(m % 3 === 0 ? { target: { kind: "percent" as const, value: 80 } } : {}),
    })),
    projects: [],
    order: i + 1,
    active: true,
  }));
  return { themes: [{ id: "t-1", name: { fi: "Teema" }, order: 1 }], people, goals };
}

async function median(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

const register = bigRegister();
const tables = registerTables(register);
const xlsx = await writeXlsx(tables);
const csvFiles = tables.map((t) => ({ name: `${t.kind}.csv`, text: writeCsv(t) }));
const form = new FormData();
for (const f of csvFiles) form.append(f.name, new Blob([f.text]), f.name);
const request = new Request("http://localhost/", { method: "POST", body: form });
const multipartBytes = Buffer.from(await request.arrayBuffer());
const multipartType = request.headers.get("content-type") ?? "";
const empty: Register = { themes: [], people: [], goals: [] };

const loadXlsx = await median(3, async () => new ExcelJS.Workbook().xlsx.load(xlsx as never));
const planXlsx = await median(3, async () => {
  const plan = await planRegisterImport({ bytes: xlsx }, empty);
  if (!plan.ok) throw new Error("the generated workbook should import cleanly");
});
const parseCsv = await median(3, async () =>
  csvFiles.map((f) => parse(f.text, { delimiter: ";", bom: true })),
);
const planCsv = await median(3, async () => {
  const plan = await planRegisterImport({ bytes: multipartBytes, contentType: multipartType }, empty);
  if (!plan.ok) throw new Error("the generated CSV files should import cleanly");
});

const azurite = await startAzurite();
const logger = createLogger({ level: "silent", pretty: false });
let run = 0;
const fresh = async () => {
  const account = new StorageAccount({ connectionString: azurite.connectionString, prefix: `b${run++}x` });
  await account.ensureTables();
  return { stores: createStores(account), journal: new TableImportJournal(account) };
};
// Alternating, so that neither side profits from a warmer Azurite.
const plainTimes: number[] = [];
const journaledTimes: number[] = [];
try {
  for (let i = 0; i < 3; i++) {
    plainTimes.push(await median(1, async () => (await fresh()).stores.register.saveRegister(register)));
    journaledTimes.push(
      await median(1, async () => {
        const { stores, journal } = await fresh();
        await writeImport(
          { stores, journal, logger },
          { kind: "register", by: "bench", counts: {} },
          register,
        );
      }),
    );
  }
} finally {
  await azurite.stop();
}
const mid = (list: number[]): number => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
const plain = mid(plainTimes);
const journaled = mid(journaledTimes);

const ms = (n: number): string => `${n.toFixed(0)} ms`;
console.log(
  `register: ${GOALS} goals × ${MILESTONES} milestones, ${PEOPLE} people; workbook ${(xlsx.length / 1024).toFixed(0)} KB`,
);
console.log(
  `read+check XLSX   ${ms(planXlsx)}  = ${(planXlsx / loadXlsx).toFixed(2)} × exceljs load (${ms(loadXlsx)})`,
);
console.log(
  `read+check CSV    ${ms(planCsv)}  = ${(planCsv / parseCsv).toFixed(2)} × csv-parse (${ms(parseCsv)})`,
);
console.log(
  `journaled write   ${ms(journaled)}  = ${(journaled / plain).toFixed(2)} × plain saveRegister (${ms(plain)})`,
);
