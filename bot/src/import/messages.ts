// Import issues as sentences in the requester's language: where (sheet, row, column) and what.
import type { Language } from "@goal-forecast/core/domain/model";
import type { ErrorCode } from "@goal-forecast/core/domain/result";
import { describeError, translator } from "@goal-forecast/core/i18n";
import { headerText } from "./columns.js";
import { UNNAMED_FILE, type ImportIssue } from "./types.js";

export interface RenderedIssue {
  severity: ImportIssue["severity"];
  code: ImportIssue["code"];
  table?: string;
  row?: number;
  column?: string;
  params?: Record<string, string | number>;
  /** The whole sentence, place included, e.g. "goals, rivi 5, sarake Omistajat: …". */
  message: string;
}

export function renderIssue(issue: ImportIssue, lang: Language): RenderedIssue {
  const t = translator(lang);
  const params: Record<string, string | number> = { ...(issue.params ?? {}) };
  if (typeof params.state === "string") params.state = t(`roundState.${params.state}`);
  let what: string;
  if (issue.code === "reportInvalid") {
    const { code, ...rest } = params;
    const detail = describeError(
      { field: issue.column ?? "", code: String(code) as ErrorCode, params: rest },
      lang,
    );
    what = t("import:issue.reportInvalid", { detail });
  } else {
    what = t(`import:issue.${issue.code}`, params);
  }
  const column = issue.column === undefined ? undefined : headerText(issue.column, lang);
  const table = issue.table === UNNAMED_FILE ? t("import:where.file") : issue.table;
  const where = place(t, table, issue.row, column);
  return {
    severity: issue.severity,
    code: issue.code,
    ...(table !== undefined ? { table } : {}),
    ...(issue.row !== undefined ? { row: issue.row } : {}),
    ...(issue.column !== undefined ? { column: issue.column } : {}),
    ...(issue.params ? { params: issue.params } : {}),
    message: where ? `${where}: ${what}` : what,
  };
}

export function renderIssues(issues: readonly ImportIssue[], lang: Language): RenderedIssue[] {
  return issues.map((i) => renderIssue(i, lang));
}

function place(
  t: ReturnType<typeof translator>,
  table: string | undefined,
  row: number | undefined,
  column: string | undefined,
): string {
  const parts: string[] = [];
  if (table !== undefined) parts.push(table);
  if (row !== undefined) parts.push(t("import:where.row", { row }));
  if (column !== undefined) parts.push(t("import:where.column", { column }));
  return parts.join(", ");
}
