// A round's consolidated picture. Which reports count: counted-verdicts.ts; theme order: theme-groups.ts.
import { verdictCounts, type CountedVerdict } from "./counted-verdicts.js";
import type { Report, Round, Subject, Theme, Verdict } from "./model.js";
import { responseStatus, type ResponseStatus } from "./status.js";
import { groupByTheme, themeLookup } from "./theme-groups.js";

export interface SubjectSummary {
  subject: Subject;
  status: ResponseStatus;
  /** The verdict of the submitted report, or of the draft when the viewer may see drafts. */
  verdict?: Verdict;
  progress?: number;
  report?: Report;
}

export interface ThemeGroup {
  /** A theme the register does not know is named by its id and comes last. */
  theme: Theme;
  subjects: SubjectSummary[];
}

export interface RoundSummary {
  roundId: string;
  total: number;
  counts: Record<ResponseStatus, number>;
  /** submitted / total, 0 when the round has no subjects. */
  responseRate: number;
  /** Verdicts of submitted reports; "none" counts the subjects without a submitted verdict. */
  verdicts: Record<CountedVerdict, number>;
  themes: ThemeGroup[];
}

/**
 * The consolidated picture of a round: per theme, per subject, with the verdict distribution and the
 * response rate the board asks for first. Only submitted reports count towards verdicts.
 */
export function summarizeRound(
  round: Pick<Round, "id">,
  subjects: readonly Subject[],
  reports: readonly Report[],
  themes: readonly Theme[],
): RoundSummary {
  const bySubject = new Map(reports.filter((r) => r.roundId === round.id).map((r) => [r.subjectId, r]));
  const counts: Record<ResponseStatus, number> = { missing: 0, draft: 0, submitted: 0 };
  const entries = subjects.map((subject): SubjectSummary => {
    const report = bySubject.get(subject.id);
    const status = responseStatus(report);
    counts[status] += 1;
    const entry: SubjectSummary = { subject, status };
    if (report) {
      entry.report = report;
      entry.progress = report.progress;
      if (report.verdict) entry.verdict = report.verdict;
    }
    return entry;
  });
  const theme = themeLookup(themes);
  return {
    roundId: round.id,
    total: subjects.length,
    counts,
    responseRate: subjects.length === 0 ? 0 : counts.submitted / subjects.length,
    verdicts: verdictCounts(entries),
    themes: groupByTheme(entries, (e) => theme(e.subject.themeId)).map((g) => ({
      theme: g.theme,
      subjects: g.items,
    })),
  };
}
