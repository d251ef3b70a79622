// Issue 7's "done when": both formats download from the API for every demo round in all three
// languages. Each file is opened as the board would open it (exceljs, the deck's zip) and checked for
// its round, its language and every goal or project of the round.
import assert from "node:assert/strict";
import JSZip from "jszip";
import { localize } from "@goal-forecast/core/domain/localized";
import { LANGUAGES } from "@goal-forecast/core/domain/model";
import { LOCALE_TAG } from "@goal-forecast/core/i18n";
import { readDemoData } from "../../../bot/src/register/demo.js";
import { startTestApp, type TestApp } from "../../support/app.js";
import { download, MANAGER } from "./download.js";
import { goalRows, text, workbook } from "./workbook.js";

const { history } = readDemoData();

describe("exports of every demo round in Finnish, Swedish and English", () => {
  let app: TestApp;

  before(async () => {
    app = await startTestApp();
  });

  after(async () => {
    await app.close();
  });

  for (const round of history.rounds)
    for (const lang of LANGUAGES)
      it(`${round.id} ${lang}: the summary table and the deck`, async () => {
        const name = localize(round.name, lang);
        const base = `/api/rounds/${round.id}/export`;
        const model = (await download(app, `${base}/summary.json?lang=${lang}`, MANAGER)).json as {
          subjects: { title: string }[];
          groups: { rows: unknown[] }[];
        };
        assert.ok(model.subjects.length > 0, "the round has goals");

        const xlsx = await download(app, `${base}/summary.xlsx?lang=${lang}`, MANAGER);
        assert.equal(xlsx.status, 200);
        assert.match(xlsx.headers.get("content-type") ?? "", /spreadsheetml\.sheet$/);
        const sheet = await workbook(xlsx.body);
        assert.ok(text(sheet.getCell("A1")).endsWith(`: ${name}`), text(sheet.getCell("A1")));
        assert.equal(goalRows(sheet).size, model.groups.flatMap((g) => g.rows).length, "every goal");

        const pptx = await download(app, `${base}/deck.pptx?lang=${lang}`, MANAGER);
        assert.equal(pptx.status, 200);
        assert.match(pptx.headers.get("content-type") ?? "", /presentationml\.presentation$/);
        const zip = await JSZip.loadAsync(pptx.body);
        const slides = Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
        const xml = await Promise.all(slides.map((n) => zip.file(n)!.async("string")));
        const all = xml.join("");
        assert.ok(
          xml.some((x) => x.includes(name)),
          `the deck names ${name}`,
        );
        assert.ok(slides.length >= 1 + model.subjects.length, "a title slide and one per subject");
        const escape = (s: string): string =>
          s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
        for (const s of model.subjects) assert.ok(all.includes(escape(s.title)), s.title);
        assert.ok(all.includes(`lang="${LOCALE_TAG[lang]}"`), "text marked in the export's language");
      });
});
