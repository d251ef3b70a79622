// An Excel workbook (.xlsx, read with exceljs) → tables. Sheets are matched by name ("goals",
// "Tavoitteet", "Mål" …) or, failing that, by their header row; other sheets (instructions, lists)
// are skipped with a note. Formulas are never evaluated: the value Excel saved with the formula is
// taken, with a warning; a formula saved without a value is an error.
import ExcelJS from "exceljs";
import { columnOf, recognisedHeaders, tableOfHeaders, tableOfName } from "./columns.js";
import { buildTable, MAX_ROWS, type RawRow } from "./table.js";
import type { Cell, ImportIssue, Table, TableKind } from "./types.js";

/** A workbook's parts unpacked may not exceed this (an .xlsx is a zip: guards against zip bombs). */
export const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 5_000;
/** Rows above the header a sheet may use for a title or instructions. */
const HEADER_SEARCH_ROWS = 10;
/** Widest sheet read: the format has at most 15 columns; notes beside them are fine. */
const MAX_COLUMNS = 200;

export async function readXlsx(bytes: Uint8Array, issues: ImportIssue[]): Promise<Table[]> {
  const unpacked = unpackedSize(bytes);
  if (unpacked === undefined) {
    issues.push({ severity: "error", code: "xlsxUnreadable" });
    return [];
  }
  if (unpacked > MAX_UNPACKED_BYTES) {
    issues.push({
      severity: "error",
      code: "xlsxTooLarge",
      params: { mb: Math.round(unpacked / 1024 / 1024), maxMb: MAX_UNPACKED_BYTES / 1024 / 1024 },
    });
    return [];
  }
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs' typings predate Node's generic Buffer; the bytes are what it expects.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    issues.push({ severity: "error", code: "xlsxUnreadable" });
    return [];
  }

  const tables: Table[] = [];
  const seen = new Map<TableKind, string>();
  for (const sheet of workbook.worksheets) {
    const source = sheet.name;
    if (sheet.actualRowCount === 0) continue;
    const limit = Math.max(...Object.values(MAX_ROWS)) + HEADER_SEARCH_ROWS;
    if (sheet.rowCount > limit) {
      issues.push({
        severity: "error",
        code: "tooManyRows",
        table: source,
        params: { max: limit, count: sheet.rowCount },
      });
      continue;
    }
    const width = Math.min(sheet.columnCount, MAX_COLUMNS);
    const formulas = new Map<string, { row: number; count: number }>();

    let headerRow: number | undefined;
    let header: string[] = [];
    for (let r = 1; r <= Math.min(HEADER_SEARCH_ROWS, sheet.rowCount); r++) {
      const texts = rowTexts(sheet, r, width);
      if (recognisedHeaders(texts) >= 2) {
        headerRow = r;
        header = texts;
        break;
      }
    }
    const kind = tableOfName(source) ?? (headerRow !== undefined ? tableOfHeaders(header) : undefined);
    if (!kind) {
      issues.push({ severity: "warning", code: "sheetIgnored", table: source });
      continue;
    }
    if (headerRow === undefined) {
      issues.push({ severity: "error", code: "headerUnknown", table: source, row: 1, params: { found: "" } });
      continue;
    }
    const earlier = seen.get(kind);
    if (earlier !== undefined) {
      issues.push({ severity: "error", code: "tableTwice", table: source, params: { other: earlier } });
      continue;
    }
    seen.set(kind, source);

    const keys = header.map((h) => columnOf(kind, h) ?? h);
    const rows: RawRow[] = [];
    for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      if (!row.hasValues) continue;
      const cells: (Cell | undefined)[] = [];
      for (let c = 1; c <= header.length; c++) {
        if (header[c - 1] === "") {
          cells.push(undefined);
          continue;
        }
        const cell = row.getCell(c);
        cells.push(readCell(cell, source, r, keys[c - 1]!, issues, formulas));
      }
      rows.push({ row: r, cells });
    }
    for (const [column, first] of formulas) {
      issues.push({
        severity: "warning",
        code: "formulaValue",
        table: source,
        row: first.row,
        column,
        params: { count: first.count },
      });
    }
    const table = buildTable(kind, source, header, rows, issues);
    if (table) tables.push(table);
  }
  if (tables.length === 0 && !issues.some((i) => i.severity === "error")) {
    issues.push({ severity: "error", code: "noTables" });
  }
  return tables;
}

function rowTexts(sheet: ExcelJS.Worksheet, r: number, width: number): string[] {
  const row = sheet.getRow(r);
  const texts: string[] = [];
  for (let c = 1; c <= width; c++) texts.push(plain(row.getCell(c).value).text.trim());
  while (texts.length > 0 && texts[texts.length - 1] === "") texts.pop();
  return texts;
}

/** One cell → its text (and number or truth value), never evaluating a formula. */
function readCell(
  cell: ExcelJS.Cell,
  table: string,
  row: number,
  column: string,
  issues: ImportIssue[],
  formulas: Map<string, { row: number; count: number }>,
): Cell | undefined {
  const value = cell.value;
  if (value === null || value === undefined) return undefined;
  if (typeof value === "object" && ("formula" in value || "sharedFormula" in value)) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    if (result === undefined || result === null) {
      issues.push({ severity: "error", code: "formulaNoValue", table, row, column });
      return undefined;
    }
    if (typeof result === "object" && "error" in result) {
      issues.push({
        severity: "error",
        code: "cellError",
        table,
        row,
        column,
        params: { value: result.error },
      });
      return undefined;
    }
    const seen = formulas.get(column);
    if (seen) seen.count++;
    else formulas.set(column, { row, count: 1 });
    return percentScaled(plain(result), cell);
  }
  if (typeof value === "object" && "error" in value) {
    issues.push({ severity: "error", code: "cellError", table, row, column, params: { value: value.error } });
    return undefined;
  }
  return percentScaled(plain(value), cell);
}

/** A number formatted as a percentage is stored as a fraction (80 % is 0.8): give what the person sees. */
function percentScaled(cell: Cell, source: ExcelJS.Cell): Cell {
  if (cell.number === undefined || !/%/.test(source.numFmt ?? "")) return cell;
  const percent = Number((cell.number * 100).toPrecision(12));
  return { text: `${percent} %`, number: percent };
}

function plain(value: ExcelJS.CellValue | ExcelJS.CellFormulaValue["result"]): Cell {
  if (value === null || value === undefined) return { text: "" };
  if (typeof value === "number") {
    const n = Number(value.toPrecision(15));
    return { text: String(n), number: n };
  }
  if (typeof value === "string") return { text: value };
  if (typeof value === "boolean") return { text: value ? "true" : "false", bool: value };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10) };
  if ("richText" in value) return { text: value.richText.map((r) => r.text).join("") };
  if ("hyperlink" in value) {
    const text = value.text as unknown;
    if (typeof text === "string") return { text };
    if (text && typeof text === "object" && "richText" in text)
      return { text: (text as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join("") };
    return { text: value.hyperlink.replace(/^mailto:/i, "") };
  }
  if ("error" in value) return { text: "" };
  if ("formula" in value || "sharedFormula" in value) return plain(value.result);
  return { text: "" };
}

/**
 * Sum of the unpacked sizes the zip's central directory declares, or undefined when the bytes are
 * not a zip. Zip64 archives (parts over 4 GB) count as too large.
 */
export function unpackedSize(bytes: Uint8Array): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const minEocd = 22;
  if (bytes.length < minEocd) return undefined;
  let eocd = -1;
  for (let i = bytes.length - minEocd; i >= Math.max(0, bytes.length - minEocd - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const entries = view.getUint16(eocd + 10, true);
  const offset = view.getUint32(eocd + 16, true);
  if (entries > MAX_ZIP_ENTRIES) return Number.POSITIVE_INFINITY;
  let total = 0;
  let p = offset;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) return undefined;
    const size = view.getUint32(p + 24, true);
    if (size === 0xffffffff) return Number.POSITIVE_INFINITY;
    total += size;
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return total;
}
