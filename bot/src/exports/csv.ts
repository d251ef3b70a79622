// The summary table as CSV: UTF-8 with a byte-order mark (so Excel reads ä and ö right), CRLF line
// ends, ";" (what Excel expects where the decimal separator is a comma, as in Finland) or ",".
import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { stringify } from "csv-stringify";
import { translator } from "@goal-forecast/core/i18n";
import type { ExportModel } from "./model.js";
import { summaryColumns } from "./table.js";
import type { CSV_DELIMITERS } from "@goal-forecast/core/contract/exports";

export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/**
 * Makes a cell inert for spreadsheets: a value beginning with = + - @ tab or CR would be run as a
 * formula when the file is opened (CSV injection), so it gets a leading apostrophe, which Excel and
 * LibreOffice show as text.
 */
export function inertCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export async function writeSummaryCsv(
  model: ExportModel,
  out: Writable,
  delimiter: CsvDelimiter,
): Promise<void> {
  const columns = summaryColumns(model, translator(model.lang), "csv");
  function* records(): Generator<string[]> {
    yield columns.map((c) => inertCell(c.header));
    for (const group of model.groups)
      for (const row of group.rows) yield columns.map((c) => inertCell(c.value(row, group)));
  }
  await pipeline(
    Readable.from(records()),
    stringify({ delimiter, bom: true, quoted: true, record_delimiter: "windows" }),
    out,
  );
}
