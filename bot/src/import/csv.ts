// One CSV file → one table. The delimiter (; , or tab) is found from the header row: the one that
// splits it into the most columns the format knows. Rows that do not split into the header's
// columns are reported one by one (a row saved with another delimiter, a stray quote).
import { parse } from "csv-parse/sync";
import { recognisedHeaders, tableOfHeaders, tableOfName } from "./columns.js";
import { decodeText } from "./decode.js";
import { clip } from "./cells.js";
import { buildTable, type RawRow } from "./table.js";
import type { ImportIssue, Table } from "./types.js";

export const DELIMITERS = [";", ",", "\t"] as const;
export type Delimiter = (typeof DELIMITERS)[number];

const DELIMITER_NAMES: Record<Delimiter, string> = { ";": ";", ",": ",", "\t": "tab" };
/** Title lines a person may keep above the header row. */
const HEADER_SEARCH_LINES = 5;

export function readCsv(bytes: Uint8Array, source: string, issues: ImportIssue[]): Table | undefined {
  const decoded = decodeText(bytes, source);
  issues.push(...decoded.issues);
  if (!decoded.ok) return undefined;
  const text = decoded.text.replace(/^\uFEFF/, "");

  const found = findHeader(text);
  if (!found) {
    const firstLine = text.split(/\r\n|\r|\n/).find((l) => l.trim() !== "") ?? "";
    issues.push({
      severity: "error",
      code: "headerUnknown",
      table: source,
      row: 1,
      params: { found: clip(firstLine, 120) },
    });
    return undefined;
  }
  const { delimiter, line: headerLine } = found;

  const records: { fields: string[]; row: number }[] = [];
  try {
    parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      skip_records_with_error: true,
      on_skip: (error) => {
        if (!error) return undefined;
        const row = Number(error.records ?? records.length) + 1;
        issues.push({
          severity: "error",
          code: "csvSyntax",
          table: source,
          row,
          params: { line: Number(error.lines ?? row), reason: String(error.code ?? "") },
        });
        return undefined;
      },
      on_record: (fields: string[], context) => {
        records.push({ fields, row: context.records });
        return null;
      },
    });
  } catch (error) {
    const e = error as { lines?: number; code?: string };
    issues.push({
      severity: "error",
      code: "csvSyntax",
      table: source,
      row: records.length + 1,
      params: { line: Number(e.lines ?? records.length + 1), reason: String(e.code ?? "") },
    });
    return undefined;
  }

  const headerIndex = records.findIndex((r) => r.row === headerLine);
  const header = records[headerIndex]?.fields ?? [];
  const kind = tableOfName(source) ?? tableOfHeaders(header);
  if (!kind) {
    issues.push({
      severity: "error",
      code: "headerUnknown",
      table: source,
      row: headerLine,
      params: { found: clip(header.join(DELIMITER_NAMES[delimiter] === "tab" ? " | " : delimiter), 120) },
    });
    return undefined;
  }

  const width = lastFilled(header);
  const rows: RawRow[] = [];
  for (const record of records.slice(headerIndex + 1)) {
    const filled = lastFilled(record.fields);
    if (filled === 0) continue; // an empty line
    if (record.fields.length !== header.length && filled !== width) {
      issues.push({
        severity: "error",
        code: "columnCount",
        table: source,
        row: record.row,
        params: { count: filled, expected: width, delimiter: DELIMITER_NAMES[delimiter] },
      });
      continue;
    }
    rows.push({ row: record.row, cells: record.fields.map((text) => ({ text: unguardFormula(text) })) });
  }
  return buildTable(kind, source, header, rows, issues);
}

/** The header row and its delimiter: the first of the first lines that some table recognises. */
export function findHeader(text: string): { delimiter: Delimiter; line: number } | undefined {
  const lines = text.split(/\r\n|\r|\n/).slice(0, HEADER_SEARCH_LINES * 4);
  let record = 0;
  for (const line of lines) {
    if (record >= HEADER_SEARCH_LINES) break;
    record++;
    if (line.trim() === "") continue;
    let best: { delimiter: Delimiter; score: number } | undefined;
    for (const delimiter of DELIMITERS) {
      const score = recognisedHeaders(splitLine(line, delimiter));
      if (score >= 2 && (!best || score > best.score)) best = { delimiter, score };
    }
    if (best) return { delimiter: best.delimiter, line: record };
  }
  return undefined;
}

/** Splits one line at the delimiter outside double quotes (enough for a header row). */
function splitLine(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let current = "";
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) {
      out.push(current);
      current = "";
    } else current += ch;
  }
  out.push(current);
  return out.map((s) => s.trim());
}

/** Undoes the CSV injection guard of exports: "'=SUM(…)" was written for the text "=SUM(…)". */
function unguardFormula(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/** Number of fields up to the last one with something in it (trailing empty fields do not count). */
function lastFilled(fields: readonly string[]): number {
  for (let i = fields.length - 1; i >= 0; i--) if (fields[i]!.trim() !== "") return i + 1;
  return 0;
}
