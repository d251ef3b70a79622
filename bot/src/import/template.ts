// The register written in the import format: the workbook an admin downloads, edits in Excel and
// imports again, the CSV files, and the examples in docs/examples (scripts/make-import-examples.ts).
// Reading back what is written here gives the same register: tests hold it to that.
import ExcelJS from "exceljs";
import { stringify } from "csv-stringify/sync";
import type { Goal, Language, Milestone, Project, Register } from "@goal-forecast/core/domain/model";
import { headerText, TABLE_FORMATS, TABLE_ORDER } from "./columns.js";
import type { TableKind } from "./types.js";

export type CellValue = string | number;

export interface OutTable {
  kind: TableKind;
  columns: readonly string[];
  rows: CellValue[][];
}

/** Headers as keys ("goal_id"), or in a language ("Tavoitteen tunnus"); both import the same. */
export type HeaderStyle = "keys" | Language;

export function registerTables(register: Register): OutTable[] {
  const people = new Map(register.people.map((p) => [p.id, p]));
  const upns = (ids: readonly string[]): string => ids.map((id) => people.get(id)?.upn ?? id).join("\n");
  const goals = [...register.goals].sort(
    (a, b) => a.year - b.year || a.order - b.order || a.id.localeCompare(b.id),
  );

  const themes: CellValue[][] = [...register.themes]
    .sort((a, b) => a.order - b.order)
    .map((t) => [t.id, t.name.fi, t.name.sv ?? "", t.name.en ?? "", t.order]);
  const peopleRows: CellValue[][] = [...register.people]
    .sort((a, b) => a.displayName.localeCompare(b.displayName, "fi"))
    .map((p) => [
      p.upn,
      p.displayName,
      p.email ?? "",
      p.language ?? "",
      (p.roles ?? []).join(", "),
      p.managerId ? (people.get(p.managerId)?.upn ?? p.managerId) : "",
      p.id,
    ]);

  const goalRows: CellValue[][] = [];
  const milestoneRows: CellValue[][] = [];
  for (const g of goals) {
    goalRows.push([
      g.year,
      g.id,
      "",
      g.themeId,
      g.title,
      g.text,
      g.subGoal ?? "",
      g.actions.join("\n"),
      g.indicators.join("\n"),
      g.recoveryIndicator ? "yes" : "no",
      g.crossThemes.join("\n"),
      upns(g.ownerIds),
      upns(g.preparerIds),
      g.order,
      g.active ? "yes" : "no",
    ]);
    for (const p of [...g.projects].sort((a, b) => a.order - b.order)) {
      goalRows.push([
        "",
        g.id,
        p.id,
        "",
        p.title,
        p.text ?? "",
        "",
        "",
        "",
        "",
        "",
        upns(p.ownerIds),
        upns(p.preparerIds),
        p.order,
        "",
      ]);
    }
    milestoneRows.push(...milestonesOf(g, g));
    for (const p of g.projects) milestoneRows.push(...milestonesOf(g, p));
  }
  const tables: OutTable[] = [
    { kind: "themes", columns: TABLE_FORMATS.themes.columns, rows: themes },
    { kind: "people", columns: TABLE_FORMATS.people.columns, rows: peopleRows },
    { kind: "goals", columns: TABLE_FORMATS.goals.columns, rows: goalRows },
    { kind: "milestones", columns: TABLE_FORMATS.milestones.columns, rows: milestoneRows },
  ];
  return tables.sort((a, b) => TABLE_ORDER.indexOf(a.kind) - TABLE_ORDER.indexOf(b.kind));
}

function milestonesOf(goal: Goal, subject: Goal | Project): CellValue[][] {
  const projectId = subject === goal ? "" : subject.id;
  return [...subject.milestones]
    .sort((a, b) => a.order - b.order)
    .map((m: Milestone) => [
      goal.id,
      projectId,
      m.id,
      m.order,
      m.text,
      m.label ?? "",
      m.group ?? "",
      m.target?.kind ?? "",
      m.target?.value ?? "",
      m.target?.unit ?? "",
    ]);
}

function headers(table: OutTable, style: HeaderStyle): string[] {
  return table.columns.map((c) => (style === "keys" ? c : headerText(c, style)));
}

/** One workbook, a sheet per table, named by the table's key ("goals") so any language reads it. */
export async function writeXlsx(tables: readonly OutTable[], style: HeaderStyle = "keys"): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Goal Forecast";
  workbook.created = new Date(Date.UTC(2020, 0, 1)); // fixed, so generated examples do not change run to run
  workbook.modified = workbook.created;
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.kind, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.addRow(headers(table, style)).font = { bold: true };
    // Cells are written as values, never as formulas: text starting with "=" stays text.
    for (const row of table.rows) sheet.addRow(row.map((v) => (v === "" ? null : v)));
    table.columns.forEach((c, i) => {
      const column = sheet.getColumn(i + 1);
      column.width = WIDE.has(c) ? 60 : 18;
      if (WIDE.has(c)) column.alignment = { wrapText: true, vertical: "top" };
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const WIDE = new Set([
  "text",
  "title",
  "milestone",
  "actions",
  "indicators",
  "cross_themes",
  "sub_goal",
  "group",
]);

/**
 * One CSV file, as Excel on a Finnish desktop writes and reads it: UTF-8 with a BOM, ";" between
 * columns. Text that a spreadsheet would take for a formula gets a leading apostrophe (which the
 * import removes again).
 */
export function writeCsv(table: OutTable, style: HeaderStyle = "keys", delimiter = ";"): string {
  const rows = table.rows.map((r) => r.map((v) => (typeof v === "string" ? guardFormula(v) : v)));
  return "\uFEFF" + stringify([headers(table, style), ...rows], { delimiter, record_delimiter: "\r\n" });
}

/** CSV injection guard: "=SUM(…)" is written as "'=SUM(…)". */
export function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
