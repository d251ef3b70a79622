import { VERDICTS, type Report, type Round, type Subject, type Theme, type Verdict } from "./model.js";
import { responseStatus, type ResponseStatus } from "./status.js";

export interface SubjectSummary {
  subject: Subject;
  status: ResponseStatus;
  /** The verdict of the submitted report, or of the draft when the viewer may see drafts. */
  verdict?: Verdict;
  progress?: number;
  report?: Report;
}

export interface ThemeGroup {
  theme: Theme | { id: string; name: { fi: string }; order: number };
  subjects: SubjectSummary[];
}

export interface RoundSummary {
  roundId: string;
  total: number;
  counts: Record<ResponseStatus, number>;
  /** submitted / total, 0 when the round has no subjects. */
  responseRate: number;
  /** Verdicts of submitted reports; "none" counts the subjects without a submitted verdict. */
  verdicts: Record<Verdict | "none", number>;
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
  const verdicts = Object.fromEntries([...VERDICTS, "none"].map((v) => [v, 0])) as Record<
    Verdict | "none",
    number
  >;
  const groups = new Map<string, ThemeGroup>();
  const themeById = new Map(themes.map((t) => [t.id, t]));

  for (const subject of subjects) {
    const report = bySubject.get(subject.id);
    const status = responseStatus(report);
    counts[status] += 1;
    const verdict = status === "submitted" ? report?.verdict : undefined;
    verdicts[verdict ?? "none"] += 1;
    const entry: SubjectSummary = { subject, status };
    if (report) {
      entry.report = report;
      entry.progress = report.progress;
      if (report.verdict) entry.verdict = report.verdict;
    }
    const theme = themeById.get(subject.themeId) ?? {
      id: subject.themeId,
      name: { fi: subject.themeId },
      order: 999,
    };
    const group = groups.get(theme.id) ?? { theme, subjects: [] };
    group.subjects.push(entry);
    groups.set(theme.id, group);
  }

  return {
    roundId: round.id,
    total: subjects.length,
    counts,
    responseRate: subjects.length === 0 ? 0 : counts.submitted / subjects.length,
    verdicts,
    themes: [...groups.values()].sort((a, b) => a.theme.order - b.theme.order),
  };
}
