// The column format of a register file (docs/IMPORT.md describes it for people).
// Four tables — themes, people, goals (one row per goal or project), milestones (one row each) —
// as sheets of one workbook or as CSV files. Headers may be written as the key ("goal_id") or in
// Finnish, Swedish or English as the import namespace names them ("Tavoitteen tunnus", "Goal ID").
import { LANGUAGES } from "@goal-forecast/core/domain/model";
import { resources } from "@goal-forecast/core/i18n";
import type { TableKind } from "./types.js";

export interface TableFormat {
  kind: TableKind;
  /** Every column in the order the templates and examples use. */
  columns: readonly string[];
  /** Columns without which the table cannot be read at all. */
  required: readonly string[];
}

export const TABLE_FORMATS: Record<TableKind, TableFormat> = {
  themes: {
    kind: "themes",
    columns: ["theme_id", "name_fi", "name_sv", "name_en", "order"],
    required: ["theme_id", "name_fi"],
  },
  people: {
    kind: "people",
    columns: ["upn", "display_name", "email", "language", "roles", "manager", "person_id"],
    required: ["upn", "display_name"],
  },
  goals: {
    kind: "goals",
    columns: [
      "year",
      "goal_id",
      "project_id",
      "theme",
      "title",
      "text",
      "sub_goal",
      "actions",
      "indicators",
      "recovery_indicator",
      "cross_themes",
      "owners",
      "preparers",
      "order",
      "active",
    ],
    required: ["year", "goal_id", "theme", "title", "text", "owners"],
  },
  milestones: {
    kind: "milestones",
    columns: [
      "goal_id",
      "project_id",
      "milestone_id",
      "order",
      "milestone",
      "label",
      "group",
      "target_kind",
      "target_value",
      "unit",
    ],
    required: ["goal_id", "milestone"],
  },
};

/** Order in which tables are read and written: what later tables refer to comes first. */
export const TABLE_ORDER: readonly TableKind[] = ["themes", "people", "goals", "milestones"];

/** Header text → comparable form: case, spaces, underscores, hyphens and brackets do not matter. */
export function normalizeHeader(text: string): string {
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

type ImportStrings = {
  columns: Record<string, string>;
  tables: Record<TableKind, string>;
};

function strings(lang: (typeof LANGUAGES)[number]): ImportStrings {
  return resources[lang].import as unknown as ImportStrings;
}

/** Column key for each accepted header, per table. */
const headerIndex: Map<TableKind, Map<string, string>> = (() => {
  const index = new Map<TableKind, Map<string, string>>();
  for (const format of Object.values(TABLE_FORMATS)) {
    const names = new Map<string, string>();
    for (const key of format.columns) {
      names.set(normalizeHeader(key), key);
      for (const lang of LANGUAGES) {
        const label = strings(lang).columns[key];
        if (label) names.set(normalizeHeader(label), key);
      }
    }
    index.set(format.kind, names);
  }
  return index;
})();

const tableIndex: Map<string, TableKind> = (() => {
  const index = new Map<string, TableKind>();
  for (const kind of Object.keys(TABLE_FORMATS) as TableKind[]) {
    index.set(normalizeHeader(kind), kind);
    for (const lang of LANGUAGES) index.set(normalizeHeader(strings(lang).tables[kind]), kind);
  }
  return index;
})();

/** The column a header names in a table, if any. */
export function columnOf(kind: TableKind, header: string): string | undefined {
  return headerIndex.get(kind)?.get(normalizeHeader(header));
}

/** The table a sheet or file name means ("Tavoitteet", "goals.csv", "Personer"), if any. */
export function tableOfName(name: string): TableKind | undefined {
  const base = name.replace(/\.(csv|txt|tsv)$/i, "");
  return tableIndex.get(normalizeHeader(base));
}

/**
 * The table a header row belongs to, judged by its columns: the kind whose required columns are all
 * there and which recognises the most headers. Undefined when no kind fits.
 */
export function tableOfHeaders(headers: readonly string[]): TableKind | undefined {
  let best: { kind: TableKind; score: number } | undefined;
  for (const format of Object.values(TABLE_FORMATS)) {
    const keys = new Set(headers.map((h) => columnOf(format.kind, h)).filter((k) => k !== undefined));
    if (!format.required.every((k) => keys.has(k))) continue;
    const score = keys.size;
    if (!best || score > best.score) best = { kind: format.kind, score };
  }
  return best?.kind;
}

/** How many of the headers some table recognises (to tell a header row from a title row). */
export function recognisedHeaders(headers: readonly string[]): number {
  let best = 0;
  for (const kind of Object.keys(TABLE_FORMATS) as TableKind[]) {
    best = Math.max(best, headers.filter((h) => columnOf(kind, h) !== undefined).length);
  }
  return best;
}

/** The header of a column as the templates write it in a language. */
export function headerText(key: string, lang: (typeof LANGUAGES)[number]): string {
  return strings(lang).columns[key] ?? key;
}
