// The consolidated views: a round's overview as a viewer may see it, a subject's history across
// rounds, and two rounds compared. Access rules from domain/access.ts are applied here, once.
import { canSeeReport, canSeeSubject, type Viewer } from "@goal-forecast/core/domain/access";
import { isCounted } from "@goal-forecast/core/domain/counted-verdicts";
import { diffReports, verdictDrift, type ReportDiff } from "@goal-forecast/core/domain/diff";
import type { Goal, Register, Report, ReportEvent, Round, Subject } from "@goal-forecast/core/domain/model";
import { subjectsOfGoal, subjectsOfRound } from "@goal-forecast/core/domain/subjects";
import { summarizeRound, type RoundSummary } from "@goal-forecast/core/domain/summary";
import type { Stores } from "../storage/index.js";

export interface OverviewEntry {
  subjectId: string;
  /** Compared with the previous round's submitted report of the same subject, when both are visible. */
  changedSincePrevious: boolean;
  previousVerdict?: Report["verdict"];
}

export interface RoundOverview {
  round: Round;
  previousRoundId?: string;
  summary: RoundSummary;
  changes: OverviewEntry[];
}

/** Reports the viewer may not see are removed; their subject still counts as answered (draft). */
export function visibleReports(
  viewer: Viewer,
  round: Round,
  subjects: readonly Subject[],
  reports: readonly Report[],
): Report[] {
  const bySubject = new Map(subjects.map((s) => [s.id, s]));
  return reports.filter((r) => {
    const subject = bySubject.get(r.subjectId);
    return subject !== undefined && canSeeReport(viewer, subject, round, r);
  });
}

/** The previous round of the same year, if any (copy-forward and "changed since" compare to it). */
export function previousRound(rounds: readonly Round[], round: Round): Round | undefined {
  return rounds
    .filter((r) => r.year === round.year && r.number < round.number)
    .sort((a, b) => b.number - a.number)[0];
}

export async function roundOverview(
  stores: Stores,
  roundId: string,
  viewer: Viewer,
): Promise<RoundOverview | undefined> {
  const [round, rounds] = await Promise.all([stores.rounds.get(roundId), stores.rounds.list()]);
  if (!round) return undefined;
  const previous = previousRound(rounds, round);
  const [register, reports, previousReports] = await Promise.all([
    stores.register.load(round.year),
    stores.reports.listByRound(round.id),
    previous ? stores.reports.listByRound(previous.id) : Promise.resolve([]),
  ]);
  const subjects = subjectsOfRound(round, register.goals).filter((s) => canSeeSubject(viewer, s, round));
  return buildOverview(viewer, round, previous, subjects, reports, previousReports, register);
}

export function buildOverview(
  viewer: Viewer,
  round: Round,
  previous: Round | undefined,
  subjects: Subject[],
  reports: Report[],
  previousReports: Report[],
  register: Pick<Register, "themes">,
): RoundOverview {
  const visible = visibleReports(viewer, round, subjects, reports);
  const summary = summarizeRound(round, subjects, visible, register.themes);
  // A hidden draft still shows as "draft" in the response status (who has started), never its content.
  // Sets and maps, not find/includes per subject: a large round (1,000+ subjects) stays linear.
  const shown = new Set(visible);
  const hiddenDrafts = new Set(reports.filter((r) => !shown.has(r)).map((r) => r.subjectId));
  for (const group of summary.themes) {
    for (const entry of group.subjects) {
      if (entry.status === "missing" && hiddenDrafts.has(entry.subject.id)) {
        entry.status = "draft";
        summary.counts.missing -= 1;
        summary.counts.draft += 1;
      }
    }
  }
  const prevBySubject = new Map(
    (previous ? visibleReports(viewer, previous, subjects, previousReports) : [])
      .filter(isCounted)
      .map((r) => [r.subjectId, r]),
  );
  const submitted = new Map(visible.filter(isCounted).map((r) => [r.subjectId, r]));
  const changes: OverviewEntry[] = subjects.map((s) => {
    const now = submitted.get(s.id);
    const before = prevBySubject.get(s.id);
    const entry: OverviewEntry = {
      subjectId: s.id,
      changedSincePrevious: !!(now && before && diffReports(before, now).changed),
    };
    if (before?.verdict) entry.previousVerdict = before.verdict;
    return entry;
  });
  const overview: RoundOverview = { round, summary, changes };
  if (previous) overview.previousRoundId = previous.id;
  return overview;
}

export interface HistoryEntry {
  round: Round;
  report?: Report;
  events: ReportEvent[];
  /** Against the previous entry's report. */
  diff?: ReportDiff;
}

/** One subject through every round that included its goal, oldest first. */
export async function subjectHistory(
  stores: Stores,
  goal: Goal,
  subjectId: string,
  viewer: Viewer,
): Promise<{ subject: Subject; entries: HistoryEntry[] } | undefined> {
  const subject = subjectsOfGoal(goal).find((s) => s.id === subjectId);
  if (!subject) return undefined;
  const rounds = (await stores.rounds.list()).filter((r) => r.goalIds.includes(goal.id));
  const entries: HistoryEntry[] = [];
  let last: Report | undefined;
  for (const round of rounds) {
    if (!canSeeSubject(viewer, subject, round)) continue;
    const [report, events] = await Promise.all([
      stores.reports.get(round.id, subject.id),
      stores.reports.events(round.id, subject.id),
    ]);
    const shown = report && canSeeReport(viewer, subject, round, report) ? report : undefined;
    const entry: HistoryEntry = { round, events: shown ? events : [] };
    if (shown) {
      entry.report = shown;
      if (last) entry.diff = diffReports(last, shown);
      last = shown;
    }
    entries.push(entry);
  }
  return { subject, entries };
}

export interface ComparedSubject {
  subject: Subject;
  earlier?: Report;
  later?: Report;
  diff: ReportDiff;
  /** Positive when the verdict got worse. */
  drift: number;
}

/** Two rounds side by side: the subjects whose verdict got worse first, then those with new risks. */
export async function compareRounds(stores: Stores, earlierId: string, laterId: string, viewer: Viewer) {
  const [earlier, later] = await Promise.all([stores.rounds.get(earlierId), stores.rounds.get(laterId)]);
  if (!earlier || !later) return undefined;
  const years = [...new Set([earlier.year, later.year])];
  const goals = (await Promise.all(years.map((y) => stores.register.goals(y)))).flat();
  const subjects = [
    ...new Map(
      [...subjectsOfRound(earlier, goals), ...subjectsOfRound(later, goals)].map((s) => [s.id, s]),
    ).values(),
  ];
  const [a, b] = await Promise.all([
    stores.reports.listByRound(earlier.id),
    stores.reports.listByRound(later.id),
  ]);
  const seeA = new Map(visibleReports(viewer, earlier, subjects, a).map((r) => [r.subjectId, r]));
  const seeB = new Map(visibleReports(viewer, later, subjects, b).map((r) => [r.subjectId, r]));
  const rows: ComparedSubject[] = subjects
    .filter((s) => canSeeSubject(viewer, s, later) || canSeeSubject(viewer, s, earlier))
    .map((subject) => {
      const e = seeA.get(subject.id);
      const l = seeB.get(subject.id);
      const row: ComparedSubject = {
        subject,
        diff: diffReports(e, l),
        drift: verdictDrift(e?.verdict, l?.verdict),
      };
      if (e) row.earlier = e;
      if (l) row.later = l;
      return row;
    })
    .sort((x, y) => y.drift - x.drift || y.diff.newRisks.length - x.diff.newRisks.length);
  return { earlier, later, rows };
}
