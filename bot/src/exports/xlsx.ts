// The summary table as a workbook for the board (seeds 001/004): title and round on top and in the
// page header, one row per goal with the theme cell spanning its goals, wrapped text, a frozen header
// row, A4 landscape with the header row repeated on every printed page, and the forecast as words in a
// coloured cell. Written with exceljs's streaming writer: rows go to the output as they are made.
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { translator } from "../i18n/index.js";
import { lineCount, LINE_HEIGHT } from "./measure.js";
import type { ExportModel, VerdictCode } from "./model.js";
import { summaryColumns, type Column } from "./table.js";
import { VERDICT_COLOURS } from "./palette.js";

const FONT = "Arial";
const BODY_SIZE = 10;
const HEADER_ROW = 3;
/** Excel refuses longer cell texts. */
const MAX_CELL = 32_767;
/** Excel's tallest row, in points. */
const MAX_ROW_HEIGHT = 409;

const thin = { style: "thin" as const, color: { argb: "FFBFBFBF" } };
const border = { top: thin, left: thin, bottom: thin, right: thin };
const argb = (hex: string): string => `FF${hex}`;

/** Header and footer codes treat "&" as a command; a literal one is written "&&". */
const headerText = (text: string): string => text.replace(/&/g, "&&");

export async function writeSummaryXlsx(model: ExportModel, out: Writable): Promise<void> {
  const t = translator(model.lang);
  const columns = summaryColumns(model, t, "xlsx");
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = "Goal Forecast";
  workbook.title = `${model.title}: ${model.round.name}`;
  workbook.created = new Date(model.generatedAt);
  const last = columns.length;
  const sheet = workbook.addWorksheet(t("exports:table.sheetName"), {
    views: [
      {
        state: "frozen",
        xSplit: 0,
        ySplit: HEADER_ROW,
        topLeftCell: `A${HEADER_ROW + 1}`,
        activeCell: `A${HEADER_ROW + 1}`,
      },
    ],
    pageSetup: {
      paperSize: 9, // A4
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.25, footer: 0.25 },
    },
    headerFooter: {
      oddHeader: `&L&B${headerText(model.title)}&R&B${headerText(model.round.name)}`,
      oddFooter: `&L${headerText(t("exports:document.compiled", { date: model.generatedOn }))}&R${headerText(
        t("exports:document.pageOf", { page: "\u0001", pages: "\u0002" }),
      )
        .replace("\u0001", "&P")
        .replace("\u0002", "&N")}`,
    },
  });
  sheet.columns = columns.map((c) => ({ key: c.key, width: c.width }));

  const title = sheet.addRow([`${model.title}: ${model.round.name}`]);
  title.font = { name: FONT, size: 14, bold: true };
  title.height = 22;
  sheet.mergeCells(1, 1, 1, last);
  title.commit();

  const notes = [
    model.tableSubtitle,
    t("exports:document.compiled", { date: model.generatedOn }),
    ...model.scopeNotes,
  ];
  if (model.groups.length === 0) notes.push(t("exports:document.empty"));
  const subtitle = sheet.addRow([notes.join(" · ")]);
  subtitle.font = { name: FONT, size: BODY_SIZE, italic: true };
  sheet.mergeCells(2, 1, 2, last);
  subtitle.commit();

  const header = sheet.addRow(columns.map((c) => c.header));
  header.height = rowHeight(
    columns,
    columns.map((c) => c.header),
    true,
  );
  header.eachCell((cell) => {
    cell.font = { name: FONT, size: BODY_SIZE, bold: true };
    cell.alignment = { wrapText: true, vertical: "middle" };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };
    cell.border = border;
  });
  header.commit();

  const forecastColumn = columns.findIndex((c) => c.key === "forecast") + 1;
  const goalColumn = columns.findIndex((c) => c.key === "goal") + 1;
  let next = HEADER_ROW + 1;
  for (const group of model.groups) {
    const first = next;
    const rows = group.rows.map((summary, index) => {
      const values = columns.map((c) => clip(c.value(summary, group)));
      // The theme is written once, in the cell that spans the group's rows (as in the seeds).
      const shown = values.map((v, i) => (columns[i]!.key === "theme" && index > 0 ? "" : v));
      const row = sheet.addRow(shown);
      row.height = rowHeight(columns, values, false);
      row.eachCell({ includeEmpty: true }, (cell) => {
        cell.font = { name: FONT, size: BODY_SIZE };
        cell.alignment = { wrapText: true, vertical: "top" };
        cell.border = border;
      });
      const goal = row.getCell(goalColumn);
      goal.value = {
        richText: [
          { text: summary.goalTitle, font: { name: FONT, size: BODY_SIZE, bold: true } },
          { text: `\n${clip(summary.goalText)}`, font: { name: FONT, size: BODY_SIZE } },
        ],
      };
      styleVerdict(row.getCell(forecastColumn), summary.verdict.code);
      const theme = row.getCell(1);
      theme.font = { name: FONT, size: BODY_SIZE, bold: true };
      return row;
    });
    next += rows.length;
    if (rows.length > 1) sheet.mergeCells(first, 1, next - 1, 1);
    rows[rows.length - 1]?.commit();
  }
  sheet.commit();
  await workbook.commit();
}

/** The forecast cell: the verdict's words carry the meaning, the colour only repeats it. */
function styleVerdict(cell: ExcelJS.Cell, code: VerdictCode): void {
  const colours = VERDICT_COLOURS[code];
  cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(colours.fill) } };
  cell.font = { name: FONT, size: BODY_SIZE, bold: true, color: { argb: argb(colours.text) } };
}

function clip(text: string): string {
  return text.length <= MAX_CELL ? text : `${text.slice(0, MAX_CELL - 1)}…`;
}

/**
 * Height of a row whose cells wrap. Excel and LibreOffice do not size rows of a written file to their
 * text (and never a merged cell's), so the workbook sets the height it measured.
 */
function rowHeight(columns: readonly Column[], values: readonly string[], bold: boolean): number {
  let lines = 1;
  columns.forEach((column, i) => {
    // Excel's column unit is the width of a digit of the default font, 7 px; 5 px of it is padding.
    const widthPt = (column.width * 7 - 5) * 0.75;
    lines = Math.max(lines, lineCount(values[i] ?? "", widthPt * 0.95, BODY_SIZE, bold));
  });
  return Math.min(MAX_ROW_HEIGHT, Math.ceil(lines * BODY_SIZE * LINE_HEIGHT + 6));
}
