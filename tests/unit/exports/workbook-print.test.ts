// The summary workbook as it prints for a committee agenda (checked by eye with
// `npm run render:exports`): headings and verdicts never broken inside a word, and text that stays
// readable once the sheet is shrunk to the width of an A4 landscape page.
import assert from "node:assert/strict";
import { LANGUAGES } from "@goal-forecast/core/domain/model";
import { textWidth } from "../../../bot/src/exports/measure.js";
import { buildExportModel, type ExportModel } from "../../../bot/src/exports/model.js";
import { selectScope } from "../../../bot/src/reporting/export-scope.js";
import { columnTextWidth, printedBodySize, workbookColumns } from "../../../bot/src/exports/xlsx.js";
import { readDemoData } from "../../../bot/src/register/demo.js";
import { translator } from "@goal-forecast/core/i18n";

const BODY_SIZE = 10;
const { register, history } = readDemoData();

function demoModels(): ExportModel[] {
  return history.rounds.flatMap((round) =>
    LANGUAGES.map((lang) => {
      const year = { ...register, goals: register.goals.filter((g) => g.year === round.year) };
      const scope = selectScope(round, year, history.reports, { roles: new Set(["manager"]) }, {}, lang);
      if (scope.kind !== "ok") throw new Error(`${round.id}: ${scope.kind}`);
      return buildExportModel({ ...scope.scope, lang, now: new Date("2026-01-01T00:00:00Z") });
    }),
  );
}

const longestWord = (text: string, bold: boolean): { word: string; width: number } =>
  text
    .split(/\s+/)
    .map((word) => ({ word, width: textWidth(word, BODY_SIZE, bold) }))
    .reduce((a, b) => (b.width > a.width ? b : a));

describe("summary workbook in print", () => {
  const models = demoModels();

  it("breaks no column heading inside a word, in any language", () => {
    for (const model of models)
      for (const column of workbookColumns(model)) {
        const { word, width } = longestWord(column.header, true);
        assert.ok(
          width <= columnTextWidth(column.width),
          `${model.lang} ${column.key}: "${word}" is wider than its column`,
        );
      }
  });

  it("keeps every verdict's words whole in the forecast column", () => {
    for (const model of models) {
      const forecast = workbookColumns(model).find((c) => c.key === "forecast")!;
      const t = translator(model.lang);
      for (const code of ["achieved", "onTrack", "atRisk", "notAchieved", "none"]) {
        const { word, width } = longestWord(t(`verdict.${code}`), true);
        assert.ok(width <= columnTextWidth(forecast.width), `${model.lang}: "${word}"`);
      }
    }
  });

  it("prints the body at 8 pt or more on A4 landscape, fitted to the page width", () => {
    for (const model of models) {
      const size = printedBodySize(workbookColumns(model));
      assert.ok(size >= 8, `${model.round.id} ${model.lang}: ${size.toFixed(2)} pt`);
    }
  });
});
