// The export model: a round's reports as the board documents show them, built once per request in
// one language, as plain data. The summary table (XLSX, CSV, JSON) and the deck (PPTX) are renderings
// of this model and nothing else, so the formats cannot disagree about what a goal's forecast is.
import { verdictCounts } from "@goal-forecast/core/domain/counted-verdicts";
import { goalVerdict } from "@goal-forecast/core/domain/goal-verdict";
import { localize } from "@goal-forecast/core/domain/localized";
import {
  MILESTONE_STATUSES,
  type Goal,
  type Language,
  type Milestone,
  type MilestoneStatus,
  type Person,
  type Register,
  type Report,
  type Risk,
  type Round,
  type Subject,
  type Verdict,
} from "@goal-forecast/core/domain/model";
import { responseStatus, type ResponseStatus } from "@goal-forecast/core/domain/status";
import { groupByTheme, themeLookup } from "@goal-forecast/core/domain/theme-groups";
import {
  formatDate,
  formatNumber,
  formatPercent,
  translator,
  type Translate,
} from "@goal-forecast/core/i18n";

export type VerdictCode = Verdict | "none";

export interface ExportVerdict {
  code: VerdictCode;
  /** The verdict's name in the export's language, e.g. "Toteutumassa". */
  label: string;
}

export interface ExportMilestone {
  /** 1-based position in the goal's or project's milestone order: the number shown on the progress bar. */
  number: number;
  text: string;
  status: MilestoneStatus;
  statusLabel: string;
  /** Short label for the progress bar, e.g. "POC TEHTY". */
  label?: string;
  group?: string;
  /** Actual against target, e.g. "2 / 7 palvelua", "tavoite 80 %". */
  value?: string;
  note?: string;
}

/** One subject (a goal without projects, or one project) as its deck slide shows it. */
export interface ExportSubject {
  subjectId: string;
  goalId: string;
  projectId?: string;
  themeId: string;
  themeName: string;
  goalTitle: string;
  /** The slide's title: the goal's title, or the project's. */
  title: string;
  goalText: string;
  subGoal?: string;
  projectText?: string;
  owners: string[];
  preparers: string[];
  status: ResponseStatus;
  verdict: ExportVerdict;
  progress?: number;
  progressLabel?: string;
  milestones: ExportMilestone[];
  narrative: string;
  risks: Risk[];
  reportedBy?: string;
  reportedOn?: string;
}

/** One row of the summary table: a binding goal with the forecast of each of its subjects. */
export interface SummaryRow {
  goalId: string;
  themeId: string;
  goalTitle: string;
  goalText: string;
  actions: string[];
  indicators: string[];
  recoveryIndicator: boolean;
  recoveryLabel: string;
  /** The goal's forecast, rolled up from its subjects' (domain/goal-verdict.ts). */
  verdict: ExportVerdict;
  /** Per subject; one entry for a goal without projects. */
  forecasts: { subjectId: string; title?: string; verdict: ExportVerdict; draft: boolean }[];
  /** "Ennuste 2/2020: Toteutumassa", or one line per project. */
  forecastText: string;
  /** Narrative, risks and mitigations of the goal's subjects as one text. */
  comments: string;
  crossThemes: string[];
}

export interface SummaryGroup {
  theme: { id: string; name: string };
  rows: SummaryRow[];
}

export interface ExportModel {
  lang: Language;
  round: { id: string; name: string; year: number; number: number; state: Round["state"] };
  title: string;
  tableSubtitle: string;
  deckSubtitle: string;
  /** ISO time of the export and the same as a date in the export's language. */
  generatedAt: string;
  generatedOn: string;
  /** Lines that say what the document is limited to (filters, own goals only); empty for the whole round. */
  scopeNotes: string[];
  counts: { total: number; submitted: number; verdicts: Record<VerdictCode, number> };
  groups: SummaryGroup[];
  subjects: ExportSubject[];
}

export interface ExportInput {
  round: Round;
  register: Register;
  /** The subjects to export, in goal order, already limited to what the viewer may export. */
  subjects: readonly Subject[];
  /** The reports to show; a subject without one here is shown as not reported. */
  reports: readonly Report[];
  lang: Language;
  now: Date;
  scopeNotes?: string[];
}

export function buildExportModel(input: ExportInput): ExportModel {
  const { round, register, lang } = input;
  const t = translator(lang);
  const people = new Map(register.people.map((p) => [p.id, p]));
  const goals = new Map(register.goals.map((g) => [g.id, g]));
  const theme = themeLookup(register.themes);
  const reports = new Map(input.reports.filter((r) => r.roundId === round.id).map((r) => [r.subjectId, r]));
  const roundName = localize(round.name, lang);
  const themeName = (id: string): string => localize(theme(id).name, lang);

  const statusLabels = Object.fromEntries(
    MILESTONE_STATUSES.map((s) => [s, t(`milestoneStatus.${s}`)]),
  ) as Record<MilestoneStatus, string>;
  const subjects = input.subjects.map((subject) => {
    const goal = goals.get(subject.goalId);
    if (!goal) throw new Error(`subject ${subject.id} has no goal in the register`);
    return exportSubject(subject, goal, reports.get(subject.id), {
      t,
      lang,
      people,
      themeName,
      statusLabels,
    });
  });

  const byGoal = new Map<string, ExportSubject[]>();
  for (const s of subjects) byGoal.set(s.goalId, [...(byGoal.get(s.goalId) ?? []), s]);
  const rows = [...byGoal].map(([goalId, parts]) => summaryRow(goals.get(goalId)!, parts, roundName, t));
  const groups = groupByTheme(rows, (row) => theme(row.themeId)).map((g): SummaryGroup => ({
    theme: { id: g.theme.id, name: localize(g.theme.name, lang) },
    rows: g.items,
  }));

  return {
    lang,
    round: { id: round.id, name: roundName, year: round.year, number: round.number, state: round.state },
    title: t("exports:document.title", { year: round.year }),
    tableSubtitle: t("exports:document.tableSubtitle", { round: roundName }),
    deckSubtitle: t("exports:document.deckSubtitle", { round: roundName }),
    generatedAt: input.now.toISOString(),
    generatedOn: formatDate(input.now, lang),
    scopeNotes: input.scopeNotes ?? [],
    counts: {
      total: subjects.length,
      submitted: subjects.filter((s) => s.status === "submitted").length,
      verdicts: verdictCounts(subjects.map((s) => ({ status: s.status, verdict: s.verdict.code }))),
    },
    groups,
    subjects,
  };
}

interface Context {
  t: Translate;
  lang: Language;
  people: Map<string, Person>;
  themeName: (id: string) => string;
  /** Looked up once per export rather than once per milestone. */
  statusLabels: Record<MilestoneStatus, string>;
}

function exportSubject(
  subject: Subject,
  goal: Goal,
  report: Report | undefined,
  ctx: Context,
): ExportSubject {
  const { t, lang } = ctx;
  const project = subject.projectId ? goal.projects.find((p) => p.id === subject.projectId) : undefined;
  const status = responseStatus(report);
  const name = (id: string): string => ctx.people.get(id)?.displayName ?? id;
  const byMilestone = new Map((report?.milestones ?? []).map((m) => [m.milestoneId, m]));
  const milestones = subject.milestones.map((milestone, index): ExportMilestone => {
    const reported = byMilestone.get(milestone.id);
    const statusCode = reported?.status ?? "notStarted";
    const value = milestoneValue(milestone, reported?.actual, t, lang);
    return {
      number: index + 1,
      text: milestone.text,
      status: statusCode,
      statusLabel: ctx.statusLabels[statusCode],
      ...(milestone.label ? { label: milestone.label } : {}),
      ...(milestone.group ? { group: milestone.group } : {}),
      ...(value ? { value } : {}),
      ...(reported?.note?.trim() ? { note: asBullets(reported.note.trim()) } : {}),
    };
  });
  const reporter = report?.submittedBy ?? report?.updatedBy;
  const reportedAt = report?.submittedAt ?? report?.updatedAt;
  const verdict = verdictOf(report?.verdict, t);
  return {
    subjectId: subject.id,
    goalId: goal.id,
    ...(subject.projectId ? { projectId: subject.projectId } : {}),
    themeId: goal.themeId,
    themeName: ctx.themeName(goal.themeId),
    goalTitle: goal.title,
    title: subject.title,
    goalText: goal.text,
    ...(goal.subGoal ? { subGoal: goal.subGoal } : {}),
    ...(project?.text ? { projectText: project.text } : {}),
    owners: subject.ownerIds.map(name),
    preparers: subject.preparerIds.map(name),
    status,
    verdict,
    ...(report ? { progress: report.progress, progressLabel: formatPercent(report.progress, lang) } : {}),
    milestones,
    narrative: asBullets(report?.narrative.trim() ?? ""),
    risks: (report?.risks ?? [])
      .map((r) => ({ risk: asBullets(r.risk.trim()), mitigation: asBullets(r.mitigation.trim()) }))
      .filter((r) => r.risk !== "" || r.mitigation !== ""),
    ...(reporter ? { reportedBy: name(reporter) } : {}),
    ...(reportedAt ? { reportedOn: formatDate(reportedAt, lang) } : {}),
  };
}

function verdictOf(code: Verdict | undefined, t: Translate): ExportVerdict {
  return { code: code ?? "none", label: t(`verdict.${code ?? "none"}`) };
}

/** "2 / 7 palvelua", "82 % / 80 %", "tavoite 20 tilaa"; nothing for a milestone without a target. */
function milestoneValue(
  milestone: Milestone,
  actual: number | undefined,
  t: Translate,
  lang: Language,
): string | undefined {
  const target = milestone.target;
  if (!target) return actual === undefined ? undefined : formatNumber(actual, lang);
  const show = (n: number): string =>
    target.kind === "percent" ? formatPercent(n, lang) : formatNumber(n, lang);
  const unit = target.kind === "count" && target.unit ? ` ${target.unit}` : "";
  if (actual === undefined) return t("exports:deck.target", { target: `${show(target.value)}${unit}` });
  return t("exports:deck.actualOfTarget", { actual: show(actual), target: `${show(target.value)}${unit}` });
}

/**
 * Lines written as "- item" or "* item" become "• item", as in the seed decks. Besides looking like the
 * originals, it keeps list items from starting with "-", which spreadsheets would take for a formula.
 */
export function asBullets(text: string): string {
  return text.replace(/^([ \t]*)[-*][ \t]+/gm, "$1• ");
}

function summaryRow(goal: Goal, parts: ExportSubject[], roundName: string, t: Translate): SummaryRow {
  const multi = goal.projects.length > 0;
  const forecasts = parts.map((s) => ({
    subjectId: s.subjectId,
    ...(multi ? { title: s.title } : {}),
    verdict: s.verdict,
    draft: s.status === "draft",
  }));
  // Drafts shown here take part, marked as drafts: the export shows what its reader may see.
  const worst = verdictOf(
    goalVerdict(parts.map((s) => (s.verdict.code === "none" ? undefined : s.verdict.code))),
    t,
  );
  const draftMark = (draft: boolean): string => (draft ? ` (${t("exports:table.draft")})` : "");
  const forecastText = multi
    ? forecasts.map((f) => `${f.title}: ${f.verdict.label}${draftMark(f.draft)}`).join("\n")
    : `${roundName}: ${worst.label}${draftMark(forecasts[0]?.draft ?? false)}`;
  const comments = parts
    .map((s) => {
      const lines: string[] = [];
      if (s.narrative) lines.push(s.narrative);
      if (s.risks.length > 0) {
        lines.push(`${t("exports:table.risks")}:`);
        for (const r of s.risks) {
          if (r.risk) lines.push(r.risk.startsWith("•") ? r.risk : `• ${r.risk}`);
          if (r.mitigation) lines.push(`${t("exports:table.mitigation")}: ${r.mitigation}`);
        }
      }
      const body = lines.join("\n");
      return multi && body ? `${s.title}:\n${body}` : body;
    })
    .filter(Boolean)
    .join("\n\n");
  return {
    goalId: goal.id,
    themeId: goal.themeId,
    goalTitle: goal.title,
    goalText: goal.text,
    actions: goal.actions,
    indicators: goal.indicators,
    recoveryIndicator: goal.recoveryIndicator,
    recoveryLabel: t(goal.recoveryIndicator ? "exports:table.yes" : "exports:table.no"),
    verdict: worst,
    forecasts,
    forecastText,
    comments,
    crossThemes: goal.crossThemes,
  };
}
