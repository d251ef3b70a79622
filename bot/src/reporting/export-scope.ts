// What a viewer may export from a round: managers and admins the whole round, owners, substitutes and
// preparers only the goals and projects they answer for. The board documents show submitted reports;
// a person's own unsent draft appears in their own export, marked as a draft, so they can preview it.
import { answersFor, isManager, type Viewer } from "@goal-forecast/core/domain/access";
import { isCounted } from "@goal-forecast/core/domain/counted-verdicts";
import { localize } from "@goal-forecast/core/domain/localized";
import type { Language, Register, Report, Round, Subject } from "@goal-forecast/core/domain/model";
import { subjectsOfRound } from "@goal-forecast/core/domain/subjects";
import { translator } from "@goal-forecast/core/i18n";
import type { Stores } from "../storage/index.js";

export interface ExportFilter {
  themeIds?: readonly string[];
  goalIds?: readonly string[];
}

export interface ExportScope {
  round: Round;
  register: Register;
  subjects: Subject[];
  reports: Report[];
  scopeNotes: string[];
}

export type ScopeFailure =
  | { kind: "notFound" }
  | { kind: "forbidden" }
  | { kind: "unknownFilter"; field: "theme" | "goal"; values: string[] };

export type ScopeResult = { kind: "ok"; scope: ExportScope } | ScopeFailure;

/** Loads the round and its register and cuts them to what the viewer asked for and may see. */
export async function loadExportScope(
  stores: Stores,
  roundId: string,
  viewer: Viewer,
  filter: ExportFilter,
  lang: Language,
): Promise<ScopeResult> {
  const round = await stores.rounds.get(roundId);
  if (!round) return { kind: "notFound" };
  const [register, reports] = await Promise.all([
    stores.register.load(round.year),
    stores.reports.listByRound(round.id),
  ]);
  return selectScope(round, register, reports, viewer, filter, lang);
}

/** The pure part of loadExportScope, for tests and the benchmark. */
export function selectScope(
  round: Round,
  register: Register,
  reports: readonly Report[],
  viewer: Viewer,
  filter: ExportFilter,
  lang: Language,
): ScopeResult {
  const t = translator(lang);
  const all = subjectsOfRound(round, register.goals);
  const manager = isManager(viewer);
  const own = (s: Subject): boolean => answersFor(viewer, s, round);
  if (!manager && !all.some(own)) return { kind: "forbidden" };

  const themeIds = unique(filter.themeIds);
  const goalIds = unique(filter.goalIds);
  const knownThemes = new Set(register.themes.map((th) => th.id));
  const unknownThemes = themeIds.filter((id) => !knownThemes.has(id));
  if (unknownThemes.length > 0) return { kind: "unknownFilter", field: "theme", values: unknownThemes };
  const unknownGoals = goalIds.filter((id) => !round.goalIds.includes(id));
  if (unknownGoals.length > 0) return { kind: "unknownFilter", field: "goal", values: unknownGoals };

  let subjects = all;
  if (themeIds.length > 0) subjects = subjects.filter((s) => themeIds.includes(s.themeId));
  if (goalIds.length > 0) subjects = subjects.filter((s) => goalIds.includes(s.goalId));
  if (!manager) {
    // Asking for someone else's goal by name is refused rather than answered with an empty file.
    if (goalIds.length > 0 && !subjects.some(own)) return { kind: "forbidden" };
    subjects = subjects.filter(own);
  }

  const included = new Set(subjects.map((s) => s.id));
  const bySubject = new Map(subjects.map((s) => [s.id, s]));
  const shown = reports.filter((r) => {
    const subject = bySubject.get(r.subjectId);
    if (!subject || !included.has(r.subjectId)) return false;
    return isCounted(r) || own(subject);
  });

  const scopeNotes: string[] = [];
  if (themeIds.length > 0) {
    const names = register.themes
      .filter((th) => themeIds.includes(th.id))
      .map((th) => localize(th.name, lang));
    scopeNotes.push(t("exports:document.filteredThemes", { names: names.join(", ") }));
  }
  if (goalIds.length > 0) {
    const names = register.goals.filter((g) => goalIds.includes(g.id)).map((g) => g.title);
    scopeNotes.push(t("exports:document.filteredGoals", { names: names.join(", ") }));
  }
  if (!manager) scopeNotes.push(t("exports:document.ownOnly"));

  return { kind: "ok", scope: { round, register, subjects, reports: shown, scopeNotes } };
}

function unique(values: readonly string[] | undefined): string[] {
  return [...new Set(values ?? [])];
}
