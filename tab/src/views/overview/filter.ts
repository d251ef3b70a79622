// The overview's filters as a pure function of the overview and the chosen criteria.
import { countedVerdict } from "@goal-forecast/core/domain/counted-verdicts";
import { groupByTheme as byTheme } from "@goal-forecast/core/domain/theme-groups";
import type { RoundOverview } from "@goal-forecast/core/contract/rounds";
import type { Subject, Theme, Verdict, Report } from "@goal-forecast/core/domain/model";

export type ResponseStatus = "missing" | "draft" | "submitted";

export interface OverviewRow {
  theme: Pick<Theme, "id" | "name" | "order">;
  subject: Subject;
  status: ResponseStatus;
  verdict?: Verdict;
  progress?: number;
  report?: Report;
  changed: boolean;
  previousVerdict?: Verdict;
}

export interface Filters {
  theme: string;
  verdict: Verdict | "none" | "";
  status: ResponseStatus | "";
  owner: string;
  search: string;
  changedOnly: boolean;
}

export const NO_FILTERS: Filters = {
  theme: "",
  verdict: "",
  status: "",
  owner: "",
  search: "",
  changedOnly: false,
};

export function rowsOf(overview: RoundOverview): OverviewRow[] {
  const changes = new Map(overview.changes.map((c) => [c.subjectId, c]));
  return overview.summary.themes.flatMap((group) =>
    group.subjects.map((s) => {
      const change = changes.get(s.subject.id);
      const row: OverviewRow = {
        theme: group.theme,
        subject: s.subject,
        status: s.status,
        changed: change?.changedSincePrevious ?? false,
      };
      if (s.verdict) row.verdict = s.verdict;
      if (s.progress !== undefined) row.progress = s.progress;
      if (s.report) row.report = s.report;
      if (change?.previousVerdict) row.previousVerdict = change.previousVerdict;
      return row;
    }),
  );
}

const fold = (s: string) => s.toLocaleLowerCase("fi").normalize("NFKD").replace(/\p{M}/gu, "");

export function filterRows(
  rows: readonly OverviewRow[],
  f: Filters,
  ownerNames: (ids: string[]) => string,
): OverviewRow[] {
  const words = fold(f.search).split(/\s+/).filter(Boolean);
  return rows.filter((r) => {
    if (f.theme && r.theme.id !== f.theme) return false;
    if (f.verdict && countedVerdict(r) !== f.verdict) return false;
    if (f.status && r.status !== f.status) return false;
    if (f.owner && !r.subject.ownerIds.includes(f.owner)) return false;
    if (f.changedOnly && !r.changed) return false;
    if (words.length > 0) {
      const haystack = fold(
        [
          r.subject.title,
          r.subject.goalTitle,
          ownerNames(r.subject.ownerIds),
          r.report?.narrative ?? "",
        ].join(" "),
      );
      if (!words.every((w) => haystack.includes(w))) return false;
    }
    return true;
  });
}

/** Rows grouped by theme again, in theme order, leaving out themes with nothing to show. */
export function groupByTheme(
  rows: readonly OverviewRow[],
): { theme: OverviewRow["theme"]; rows: OverviewRow[] }[] {
  return byTheme(rows, (r) => r.theme).map((g) => ({ theme: g.theme, rows: g.items }));
}
