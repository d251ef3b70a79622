import { VERDICT_RANK } from "./goal-verdict.js";
import type { MilestoneStatus, Report, Risk, Verdict } from "./model.js";

export interface MilestoneMove {
  milestoneId: string;
  from: MilestoneStatus;
  to: MilestoneStatus;
}

export interface ReportDiff {
  verdict?: { from?: Verdict; to?: Verdict };
  progress?: { from: number; to: number };
  milestonesMoved: MilestoneMove[];
  newRisks: Risk[];
  closedRisks: Risk[];
  /** True when anything the board reads changed. */
  changed: boolean;
}

type Compared = Pick<Report, "verdict" | "progress" | "milestones" | "risks"> &
  Partial<Pick<Report, "state">>;

/** What changed for one subject between an earlier and a later round (either may be missing). */
export function diffReports(earlier: Compared | undefined, later: Compared | undefined): ReportDiff {
  const diff: ReportDiff = { milestonesMoved: [], newRisks: [], closedRisks: [], changed: false };
  if (earlier?.verdict !== later?.verdict) {
    diff.verdict = {};
    if (earlier?.verdict) diff.verdict.from = earlier.verdict;
    if (later?.verdict) diff.verdict.to = later.verdict;
  }
  if (earlier && later && earlier.progress !== later.progress) {
    diff.progress = { from: earlier.progress, to: later.progress };
  }
  const before = new Map((earlier?.milestones ?? []).map((m) => [m.milestoneId, m.status]));
  for (const m of later?.milestones ?? []) {
    const from = before.get(m.milestoneId);
    if (from !== undefined && from !== m.status)
      diff.milestonesMoved.push({ milestoneId: m.milestoneId, from, to: m.status });
  }
  const key = (r: Risk): string => r.risk.toLocaleLowerCase("fi").replace(/\s+/g, " ").trim();
  const earlierRisks = new Map((earlier?.risks ?? []).map((r) => [key(r), r]));
  const laterRisks = new Map((later?.risks ?? []).map((r) => [key(r), r]));
  for (const [k, r] of laterRisks) if (!earlierRisks.has(k)) diff.newRisks.push(r);
  // A risk is closed only when the later round reports the subject without it: a subject not yet
  // reported there (no report, or only a draft) has closed nothing.
  const laterReported = later !== undefined && later.state !== "draft";
  if (laterReported) for (const [k, r] of earlierRisks) if (!laterRisks.has(k)) diff.closedRisks.push(r);
  diff.changed =
    diff.verdict !== undefined ||
    diff.progress !== undefined ||
    diff.milestonesMoved.length > 0 ||
    diff.newRisks.length > 0 ||
    diff.closedRisks.length > 0;
  return diff;
}

/** Positive when the later verdict is worse than the earlier one (by VERDICT_RANK, best first). */
export function verdictDrift(from: Verdict | undefined, to: Verdict | undefined): number {
  if (!from || !to) return 0;
  return VERDICT_RANK[to] - VERDICT_RANK[from];
}
