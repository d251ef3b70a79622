// The summary table as a workbook for the board (seeds 001/004): title and round on top and in the
// page header, one row per goal with the theme cell spanning its goals, wrapped text, a frozen header
// row, A4 landscape with the header row repeated on every printed page, and the forecast as words in a
// coloured cell. Written with exceljs's streaming writer: rows go to the output as they are made.
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { translator } from "@goal-forecast/core/i18n";
import { lineCount, LINE_HEIGHT, textWidth, wrapText } from "./measure.js";
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

const MARGINS = { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.25, footer: 0.25 };
/** A4 landscape is 297 mm wide. */
const PAGE_WIDTH_IN = 297 / 25.4;

/** Share of a column's width that text may take: Excel's and LibreOffice's wrapping differ a little. */
const WIDTH_SAFETY = 0.95;

/** Points of text a column `width` character units wide holds: Excel's unit is a 7 px digit, 5 px of it padding. */
export function columnTextWidth(width: number): number {
  return (width * 7 - 5) * 0.75 * WIDTH_SAFETY;
}

/**
 * The table's columns as the workbook sizes them: each at least as wide as the longest word of its
 * heading in bold, so no heading is broken inside a word ("Palautumismittar|i") in any language.
 */
export function workbookColumns(model: ExportModel): Column[] {
  return summaryColumns(model, translator(model.lang), "xlsx").map((column) => {
    const widest = Math.max(...column.header.split(/\s+/).map((word) => textWidth(word, BODY_SIZE, true)));
    const needed = Math.ceil(((widest / WIDTH_SAFETY / 0.75 + 5) / 7) * 2) / 2;
    return { ...column, width: Math.max(column.width, needed) };
  });
}

/**
 * The body text's size on paper: the sheet is printed fitted to the width of an A4 landscape page, so
 * wider columns print smaller. A column of width w is w × 7 + 5 px at 96 px per inch.
 */
export function printedBodySize(columns: readonly Column[]): number {
  const sheetIn = columns.reduce((sum, c) => sum + (c.width * 7 + 5) / 96, 0);
  const pageIn = PAGE_WIDTH_IN - MARGINS.left - MARGINS.right;
  return BODY_SIZE * Math.min(1, pageIn / sheetIn);
}

export async function writeSummaryXlsx(model: ExportModel, out: Writable): Promise<void> {
  const t = translator(model.lang);
  const columns = workbookColumns(model);
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
      margins: MARGINS,
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
    const rows: ExcelJS.Row[] = [];
    group.rows.forEach((summary, index) => {
      const values = columns.map((c) => clip(c.value(summary, group)));
      // A goal whose texts are taller than Excel's tallest row continues in the rows below it: the long
      // cells go on there, the short ones span the goal's rows (else Excel would cut the text off).
      const pieces = columns.map((c, i) => rowPieces(values[i]!, c.width));
      const span = Math.max(...pieces.map((p) => p.length));
      const start = next;
      for (let k = 0; k < span; k++) {
        // The theme is written once, in the cell that spans the group's rows (as in the seeds).
        const shown = pieces.map((p, i) =>
          columns[i]!.key === "theme" && (index > 0 || k > 0) ? "" : (p[k] ?? ""),
        );
        const row = sheet.addRow(shown);
        row.height = rowHeight(columns, shown, false);
        row.eachCell({ includeEmpty: true }, (cell) => {
          cell.font = { name: FONT, size: BODY_SIZE };
          cell.alignment = { wrapText: true, vertical: "top" };
          cell.border = border;
        });
        if (k === 0) {
          const goal = row.getCell(goalColumn);
          if (pieces[goalColumn - 1]!.length === 1)
            goal.value = {
              richText: [
                { text: summary.goalTitle, font: { name: FONT, size: BODY_SIZE, bold: true } },
                { text: `\n${clip(summary.goalText)}`, font: { name: FONT, size: BODY_SIZE } },
              ],
            };
          row.getCell(1).font = { name: FONT, size: BODY_SIZE, bold: true };
        }
        styleVerdict(row.getCell(forecastColumn), summary.verdict.code);
        rows.push(row);
      }
      next += span;
      if (span > 1)
        pieces.forEach((p, i) => {
          if (p.length === 1 && columns[i]!.key !== "theme") sheet.mergeCells(start, i + 1, next - 1, i + 1);
        });
    });
    if (next - first > 1) sheet.mergeCells(first, 1, next - 1, 1);
    rows[rows.length - 1]?.commit();
  }
  sheet.commit();
  await workbook.commit();
}

/** Lines of body text that fit in Excel's tallest row. */
const MAX_ROW_LINES = Math.floor((MAX_ROW_HEIGHT - 6) / (BODY_SIZE * LINE_HEIGHT));

/**
 * A cell's text cut into pieces that each fit in one row, between paragraphs where it can (a paragraph
 * longer than a whole row is cut between lines). One piece for all but very long texts.
 */
export function rowPieces(text: string, width: number): string[] {
  const limit = columnTextWidth(width);
  if (lineCount(text, limit, BODY_SIZE) <= MAX_ROW_LINES) return [text];
  const pieces: string[][] = [[]];
  let used = 0;
  for (const paragraph of text.split("\n")) {
    let rest = paragraph;
    let lines = wrapText(rest, limit, BODY_SIZE);
    if (used + lines.length > MAX_ROW_LINES && lines.length <= MAX_ROW_LINES && used > 0) {
      pieces.push([]);
      used = 0;
    }
    while (used + lines.length > MAX_ROW_LINES) {
      // Cut the paragraph itself after the lines that fit, so a word broken at a line end stays whole.
      const room = MAX_ROW_LINES - used;
      let cut = 0;
      for (const line of lines.slice(0, room)) {
        cut += line.length;
        while (rest[cut] === " ") cut++;
      }
      if (room > 0) pieces[pieces.length - 1]!.push(rest.slice(0, cut).trimEnd());
      rest = rest.slice(cut);
      lines = wrapText(rest, limit, BODY_SIZE);
      pieces.push([]);
      used = 0;
    }
    pieces[pieces.length - 1]!.push(rest);
    used += lines.length;
  }
  return pieces.map((p) => p.join("\n"));
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
    lines = Math.max(lines, lineCount(values[i] ?? "", columnTextWidth(column.width), BODY_SIZE, bold));
  });
  return Math.min(MAX_ROW_HEIGHT, Math.ceil(lines * BODY_SIZE * LINE_HEIGHT + 6));
}
