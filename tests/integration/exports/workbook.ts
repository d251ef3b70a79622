// Reads a downloaded summary workbook as the board sees it: the sheet, cell texts, and each goal's
// rows (a goal with very long texts takes several rows, its short cells merged across them).
import assert from "node:assert/strict";
import ExcelJS from "exceljs";

export async function workbook(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0];
  assert.ok(sheet, "the workbook has a sheet");
  return sheet;
}

export const text = (cell: ExcelJS.Cell): string => cell.text.replace(/\r\n/g, "\n");

/**
 * The first sheet row of each goal, by title. A goal whose texts are taller than Excel's tallest row
 * continues in the rows below it, where its goal cell is merged into the first.
 */
export function goalRows(sheet: ExcelJS.Worksheet): Map<string, number> {
  const rows = new Map<string, number>();
  for (let r = 4; r <= sheet.actualRowCount; r++) {
    const cell = sheet.getCell(r, 2);
    if (cell.isMerged && cell.master.address !== cell.address) continue;
    rows.set(text(cell).split("\n")[0]!, r);
  }
  return rows;
}

/** A goal's cell in `column`, joined over the rows the goal takes (a merged cell counts once). */
export function goalCell(sheet: ExcelJS.Worksheet, title: string, column: number): string {
  const starts = [...goalRows(sheet).entries()];
  const i = starts.findIndex(([t]) => t === title);
  const [from, to] = [starts[i]![1], starts[i + 1]?.[1] ?? sheet.actualRowCount + 1];
  const parts: string[] = [];
  for (let r = from; r < to; r++) {
    const cell = sheet.getCell(r, column);
    if (!cell.isMerged || cell.master.address === cell.address) parts.push(text(cell));
  }
  return parts.filter(Boolean).join("\n");
}
