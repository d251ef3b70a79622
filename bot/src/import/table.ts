// Header row + data rows (from a CSV file or an XLSX sheet) → a Table keyed by column, with the
// problems of the header itself: required columns missing, a column twice, columns not understood.
import { columnOf, TABLE_FORMATS } from "./columns.js";
import type { Cell, ImportIssue, SheetRow, Table, TableKind } from "./types.js";

/**
 * Most data rows one table may hold: a division has some 30 goals a year and a whole city a few
 * hundred, so these are far beyond real registers, yet a file at the limit is still checked within
 * seconds (bench/import.ts: ~2 ms per goal row with its milestones).
 */
export const MAX_ROWS: Record<TableKind, number> = {
  themes: 100,
  people: 50_000,
  goals: 5_000,
  milestones: 50_000,
};

export interface RawRow {
  row: number;
  cells: (Cell | undefined)[];
}

export function buildTable(
  kind: TableKind,
  source: string,
  header: readonly string[],
  rows: readonly RawRow[],
  issues: ImportIssue[],
): Table | undefined {
  const at = { table: source };
  const headers = new Map<string, string>();
  const positions: [number, string][] = [];
  let fatal = false;
  header.forEach((text, index) => {
    if (text.trim() === "") return;
    const key = columnOf(kind, text);
    if (!key) {
      issues.push({ severity: "warning", code: "unknownColumn", ...at, row: 1, params: { header: text } });
      return;
    }
    if (headers.has(key)) {
      issues.push({
        severity: "error",
        code: "duplicateColumn",
        ...at,
        column: key,
        params: { header: text },
      });
      fatal = true;
      return;
    }
    headers.set(key, text.trim());
    positions.push([index, key]);
  });
  for (const key of TABLE_FORMATS[kind].required) {
    if (!headers.has(key)) {
      issues.push({ severity: "error", code: "missingColumn", ...at, column: key });
      fatal = true;
    }
  }
  const data = rows.filter((r) => r.cells.some((c) => c !== undefined && c.text.trim() !== ""));
  if (data.length > MAX_ROWS[kind]) {
    issues.push({
      severity: "error",
      code: "tooManyRows",
      ...at,
      params: { max: MAX_ROWS[kind], count: data.length },
    });
    fatal = true;
  }
  if (fatal) return undefined;
  const sheetRows: SheetRow[] = data.map((r) => {
    const cells = new Map<string, Cell>();
    for (const [index, key] of positions) {
      const cell = r.cells[index];
      if (cell) cells.set(key, cell);
    }
    return { row: r.row, cells };
  });
  return { kind, source, headers, rows: sheetRows };
}
