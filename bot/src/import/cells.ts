// Reading the values of one row: numbers written the Finnish way ("12,5", "1 000", "80 %"),
// yes/no in three languages, lists in one cell, and a problem reported at the row and column.
import type { Cell, ImportIssue, IssueCode, SheetRow, Table } from "./types.js";

export const EMPTY: Cell = { text: "" };

/** Words for yes and no a planning office may type, in Finnish, Swedish and English. */
const YES = new Set(["yes", "y", "true", "1", "x", "kyllä", "k", "on", "ja", "j", "sant"]);
const NO = new Set(["no", "n", "false", "0", "ei", "e", "nej", "falskt", "-"]);

export type Parsed<T> =
  { ok: true; value: T } | { ok: false; code: IssueCode; params?: Record<string, string | number> };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(code: IssueCode, params?: Record<string, string | number>): Parsed<T> =>
  params ? { ok: false, code, params } : { ok: false, code };

/** A number from a typed cell or from text: "12,5", "1 000", "80 %", "80%". */
export function parseNumber(cell: Cell): Parsed<{ value: number; percentSign: boolean }> {
  if (cell.number !== undefined) return ok({ value: cell.number, percentSign: false });
  const raw = cell.text.replace(/[\s\u00a0\u202f]/g, "");
  const percentSign = raw.endsWith("%");
  const digits = (percentSign ? raw.slice(0, -1) : raw).replace(",", ".");
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(digits)) return bad("notANumber", { value: clip(cell.text) });
  return ok({ value: Number(digits), percentSign });
}

export function parseInteger(cell: Cell, min: number, max: number, rangeCode: IssueCode): Parsed<number> {
  const n = parseNumber(cell);
  if (!n.ok) return n;
  if (!Number.isInteger(n.value.value)) return bad("notAnInteger", { value: clip(cell.text) });
  if (n.value.value < min || n.value.value > max) return bad(rangeCode, { value: n.value.value, min, max });
  return ok(n.value.value);
}

export function parseBoolean(cell: Cell): Parsed<boolean> {
  if (cell.bool !== undefined) return ok(cell.bool);
  const word = cell.text.trim().toLowerCase();
  if (YES.has(word)) return ok(true);
  if (NO.has(word)) return ok(false);
  return bad("invalidChoice", { value: clip(cell.text), choices: "kyllä/ei, ja/nej, yes/no" });
}

/** A list in one cell: one item per line (Alt+Enter in Excel), or separated by the given characters. */
export function splitList(text: string, separators: "lines" | "lines;" | "lines;,"): string[] {
  const pattern =
    separators === "lines" ? /\r\n|\r|\n/ : separators === "lines;" ? /\r\n|\r|\n|;/ : /[\r\n;,]+/;
  return text
    .split(pattern)
    .map((item) => item.replace(/^\s*(?:[-•*–]\s+)/, "").trim())
    .filter((item) => item !== "");
}

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
export const EMAIL_PATTERN = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

/** A value shortened for a message (the whole cell may be a page of text). */
export function clip(text: string, max = 80): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

/**
 * One row of a table being read: typed access to its cells that records every problem with the
 * row's number and the column, so the person gets all of them in one answer.
 */
export class RowReader {
  constructor(
    readonly table: Table,
    readonly row: SheetRow,
    private readonly issues: ImportIssue[],
  ) {}

  /** Is the column in the file at all? (A missing column keeps what is stored; an empty cell clears.) */
  has(column: string): boolean {
    return this.table.headers.has(column);
  }

  cell(column: string): Cell {
    return this.row.cells.get(column) ?? EMPTY;
  }

  blank(column: string): boolean {
    return this.cell(column).text.trim() === "";
  }

  problem(
    column: string | undefined,
    code: IssueCode,
    params?: Record<string, string | number>,
    severity: ImportIssue["severity"] = "error",
  ): void {
    this.issues.push({
      severity,
      code,
      table: this.table.source,
      row: this.row.row,
      ...(column ? { column } : {}),
      ...(params ? { params } : {}),
    });
  }

  report<T>(column: string, parsed: Parsed<T>): T | undefined {
    if (parsed.ok) return parsed.value;
    this.problem(column, parsed.code, parsed.params);
    return undefined;
  }

  /** Trimmed text; undefined when blank (and an error when required). */
  text(column: string, max: number, required = false): string | undefined {
    const value = this.cell(column).text.replace(/\r\n?/g, "\n").trim();
    if (value === "") {
      if (required) this.problem(column, "required");
      return undefined;
    }
    if (value.length > max) {
      this.problem(column, "tooLong", { max, length: value.length });
      return undefined;
    }
    return value;
  }

  id(column: string, required = false): string | undefined {
    const value = this.text(column, 128, required);
    if (value === undefined) return undefined;
    if (!ID_PATTERN.test(value)) {
      this.problem(column, "invalidId", { value: clip(value) });
      return undefined;
    }
    return value;
  }

  integer(column: string, min: number, max: number, rangeCode: IssueCode = "invalid"): number | undefined {
    if (this.blank(column)) return undefined;
    return this.report(column, parseInteger(this.cell(column), min, max, rangeCode));
  }

  boolean(column: string): boolean | undefined {
    if (this.blank(column)) return undefined;
    return this.report(column, parseBoolean(this.cell(column)));
  }

  /** A list cell: each item at most `maxLength`, at most `maxItems` items. */
  list(
    column: string,
    separators: "lines" | "lines;" | "lines;,",
    maxItems: number,
    maxLength: number,
  ): string[] | undefined {
    const items = splitList(this.cell(column).text, separators);
    if (items.length > maxItems) {
      this.problem(column, "tooMany", { max: maxItems, count: items.length });
      return undefined;
    }
    const long = items.find((i) => i.length > maxLength);
    if (long !== undefined) {
      this.problem(column, "tooLong", { max: maxLength, length: long.length });
      return undefined;
    }
    return items;
  }
}
