// Import of round history (rounds and their reports, JSON as historySchema defines it), so the
// forecasts made before the product — or in another installation — can be compared with new ones.
// Only closed or frozen rounds are history: an open round's answers are never replaced by a file, and
// a stored closed or frozen round is final (domain/round-writes.ts): the file may repeat it as it is
// (importing the same file twice is harmless), but not change its state or its reports.
import type { Register, Report, Round } from "@goal-forecast/core/domain/model";
import { mayWrite, sameDocument } from "@goal-forecast/core/domain/round-writes";
import { findSubject } from "@goal-forecast/core/domain/subjects";
import { validateReport } from "@goal-forecast/core/domain/validation";
import { historySchema } from "@goal-forecast/core/contract/documents";
import { listPath } from "./locate.js";
import { dedupeIssues, schemaIssues } from "./rules.js";
import type { ImportIssue } from "./types.js";

export interface HistoryPlan {
  ok: boolean;
  issues: ImportIssue[];
  rounds: Round[];
  reports: Report[];
}

const HISTORIC: ReadonlySet<Round["state"]> = new Set(["closed", "frozen"]);

export function planHistoryImport(
  value: unknown,
  register: Register,
  storedRounds: readonly Round[],
  /** The stored reports of the stored closed and frozen rounds the file names (see historicRoundsIn). */
  storedReports: readonly Report[] = [],
): HistoryPlan {
  const issues: ImportIssue[] = [];
  schemaIssues(historySchema, value, listPath, issues);
  if (issues.length > 0) return { ok: false, issues, rounds: [], reports: [] };
  const file = historySchema.parse(value);
  const error = (
    table: string,
    row: number,
    column: string | undefined,
    code: ImportIssue["code"],
    params?: Record<string, string | number>,
  ): void => {
    issues.push({
      severity: "error",
      code,
      table,
      row,
      ...(column ? { column } : {}),
      ...(params ? { params } : {}),
    });
  };

  const goalYears = new Map(register.goals.map((g) => [g.id, g.year]));
  const stored = new Map(storedRounds.map((r) => [r.id, r]));
  const rounds = new Map(stored);
  const storedReport = new Map(storedReports.map((r) => [`${r.roundId}\u0000${r.subjectId}`, r]));
  /** A stored round the file would change: live (its answers are the people's) or final. */
  const refuseStored = (table: string, row: number, column: string, round: Round): void => {
    if (!HISTORIC.has(round.state))
      return error(table, row, column, "roundIsLive", { round: round.id, state: round.state });
    error(table, row, column, round.state === "frozen" ? "roundIsFrozen" : "roundIsClosed", {
      round: round.id,
    });
  };
  const fileRounds = new Set<string>();
  const writeRounds: Round[] = [];
  file.rounds.forEach((round, i) => {
    const row = i + 1;
    if (fileRounds.has(round.id)) error("rounds", row, "id", "duplicateRound", { id: round.id });
    fileRounds.add(round.id);
    if (!HISTORIC.has(round.state))
      error("rounds", row, "state", "roundNotClosed", { round: round.id, state: round.state });
    const before = stored.get(round.id);
    if (before && !mayWrite("import", before.state)) {
      // Repeating a final round as it is changes nothing and is not written again.
      if (HISTORIC.has(before.state) && sameDocument(before, round)) return;
      return refuseStored("rounds", row, "id", before);
    }
    writeRounds.push(round);
    // A round is the forecast of one year's goals (Ennuste 2/2020 covers the goals of 2020).
    round.goalIds.forEach((g, k) => {
      const year = goalYears.get(g);
      if (year === undefined) error("rounds", row, `goalIds.${k}`, "unknownGoal", { value: g });
      else if (year !== round.year)
        error("rounds", row, `goalIds.${k}`, "roundYearMismatch", {
          goal: g,
          year,
          round: round.id,
          roundYear: round.year,
        });
    });
    rounds.set(round.id, round);
  });

  const seen = new Set<string>();
  const reports: Report[] = [];
  file.reports.forEach((report, i) => {
    const row = i + 1;
    const key = `${report.roundId}\u0000${report.subjectId}`;
    if (seen.has(key)) {
      error("reports", row, "subjectId", "duplicateReport", {
        round: report.roundId,
        subject: report.subjectId,
      });
      return;
    }
    seen.add(key);
    const round = rounds.get(report.roundId);
    if (!round) return error("reports", row, "roundId", "unknownRound", { value: report.roundId });
    const before = stored.get(report.roundId);
    if (!HISTORIC.has(round.state))
      return error("reports", row, "roundId", "roundNotClosed", { round: round.id, state: round.state });
    const subject = findSubject(register, report.subjectId);
    if (!subject)
      return error("reports", row, "subjectId", "unknownSubject", {
        value: report.subjectId,
        goal: report.goalId,
      });
    if (subject.goalId !== report.goalId)
      return error("reports", row, "goalId", "goalMismatch", { value: report.goalId, goal: subject.goalId });
    if (!round.goalIds.includes(subject.goalId))
      return error("reports", row, "goalId", "subjectNotInRound", { goal: subject.goalId, round: round.id });
    const checked = validateReport(report, subject, "import");
    if (!checked.ok) {
      for (const f of checked.errors) {
        error("reports", row, f.field, "reportInvalid", { code: f.code, ...(f.params ?? {}) });
      }
      return;
    }
    const planned: Report = { ...report, ...checked.value };
    if (before && !mayWrite("import", before.state)) {
      const was = storedReport.get(key);
      if (was && sameDocument(was, planned)) return;
      return refuseStored("reports", row, "subjectId", before);
    }
    reports.push(planned);
  });

  const all = dedupeIssues(issues);
  const ok = all.length === 0 && file.rounds.length + file.reports.length > 0;
  if (all.length === 0 && !ok) all.push({ severity: "error", code: "fileEmpty" });
  return { ok, issues: all, rounds: writeRounds, reports };
}

/** The stored closed and frozen rounds a history file names, whose reports planHistoryImport compares. */
export function historicRoundsIn(value: unknown, storedRounds: readonly Round[]): string[] {
  const parsed = historySchema.safeParse(value);
  if (!parsed.success) return [];
  const named = new Set([
    ...parsed.data.rounds.map((r) => r.id),
    ...parsed.data.reports.map((r) => r.roundId),
  ]);
  return storedRounds.filter((r) => HISTORIC.has(r.state) && named.has(r.id)).map((r) => r.id);
}
