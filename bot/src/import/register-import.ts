// Import of the goal register (themes, people, goals with projects and milestones) from CSV, XLSX or
// JSON: read → map → check every rule against the stored register → a plan that is either complete
// and valid, or a list of every problem with its row and column. Nothing is written here.
import type { Goal, Register, Round } from "@goal-forecast/core/domain/model";
import { frozenRoundOfGoalEdit } from "@goal-forecast/core/domain/round-writes";
import { subjectsOfGoal } from "@goal-forecast/core/domain/subjects";
import { registerSchema } from "@goal-forecast/core/contract/documents";
import { at, jsonLocator, listPath, type Locator } from "./locate.js";
import { readUpload, type Upload } from "./read.js";
import { checkRegister, dedupeIssues, schemaIssues, type Candidate } from "./rules.js";
import { mapTables } from "./tabular.js";
import type { ImportCounts, ImportIssue } from "./types.js";
import { DirectoryError, resolvePeople, type DirectoryLookup } from "../register/directory.js";

export interface RegisterPlan {
  ok: boolean;
  issues: ImportIssue[];
  candidate: Candidate;
  counts: ImportCounts;
  created: { goals: number; people: number; themes: number };
  updated: { goals: number; people: number; themes: number };
}

const ROW_LEVEL_READ_ERRORS: ReadonlySet<ImportIssue["code"]> = new Set([
  "columnCount",
  "csvSyntax",
  "formulaNoValue",
  "cellError",
]);

/** The most issues returned at once; a file with more has one systematic problem worth fixing first. */
export const MAX_ISSUES = 500;

export interface PlanOptions {
  /** The admin importing: the file may not take their own admin role away (they would be locked out). */
  importerId?: string;
  /**
   * Entra ID: people are resolved by UPN (object id, language, manager). Someone not found is a note on
   * their row, never a refusal: the rest of the import goes through.
   */
  directory?: DirectoryLookup;
}

export async function planRegisterImport(
  upload: Upload,
  stored: Register,
  rounds: readonly Round[] = [],
  options: PlanOptions = {},
): Promise<RegisterPlan> {
  const issues: ImportIssue[] = [];
  const read = await readUpload(upload, issues);
  let candidate: Candidate = { themes: [], people: [], goals: [] };
  let locate: Locator | undefined;

  // Rows the reader could not split or read are reported, and the rest of the file is still checked,
  // so one answer lists every problem. A table that could not be read at all stops here.
  const unreadable = issues.some((i) => i.severity === "error" && !ROW_LEVEL_READ_ERRORS.has(i.code));
  if (read.kind === "tables" && !unreadable) {
    const mapped = mapTables(read.tables, stored, issues);
    candidate = mapped.candidate;
    locate = mapped.locate;
  } else if (read.kind === "json") {
    const mapped = mapJson(read.value, stored, issues);
    if (mapped) ({ candidate, locate } = mapped);
  }
  if (locate) {
    issues.push(...checkRegister(candidate, stored, locate));
    issues.push(...openRoundWarnings(candidate, stored, rounds, locate));
    issues.push(...frozenRoundErrors(candidate, stored, rounds, locate));
    const importer = candidate.people.find((p) => p.id === options.importerId);
    const wasAdmin = stored.people.find((p) => p.id === options.importerId)?.roles?.includes("admin");
    if (importer && wasAdmin && !importer.roles?.includes("admin")) {
      issues.push({ severity: "error", code: "ownAdminRole", ...at(locate.person(importer.id, ["roles"])) });
    }
  }
  if (locate && options.directory?.enabled && !issues.some((i) => i.severity === "error")) {
    candidate = {
      ...candidate,
      people: await resolveInDirectory(options.directory, candidate, stored, locate, issues),
    };
  }
  const all = finish(issues);
  const ok = !all.some((i) => i.severity === "error") && (read.kind === "tables" || read.kind === "json");
  const empty = candidate.goals.length + candidate.people.length + candidate.themes.length === 0;
  if (ok && empty) all.push({ severity: "error", code: "fileEmpty" });
  return {
    ok: ok && !empty,
    issues: all,
    candidate,
    counts: countsOf(candidate),
    created: changes(candidate, stored, false),
    updated: changes(candidate, stored, true),
  };
}

async function resolveInDirectory(
  directory: DirectoryLookup,
  candidate: Candidate,
  stored: Register,
  locate: Locator,
  issues: ImportIssue[],
): Promise<Candidate["people"]> {
  const imported = new Set(candidate.people.map((p) => p.id));
  const everyone = [...stored.people.filter((p) => !imported.has(p.id)), ...candidate.people];
  try {
    const resolved = await resolvePeople(directory, candidate.people, everyone);
    const upnOf = new Map(candidate.people.map((p) => [p.id, p.upn]));
    for (const [ids, code] of [
      [resolved.notFound, "notInDirectory"],
      [resolved.disabled, "accountDisabled"],
    ] as const) {
      for (const id of ids)
        issues.push({
          severity: "warning",
          code,
          ...at(locate.person(id, ["upn"])),
          params: { value: upnOf.get(id) ?? id },
        });
    }
    return resolved.people;
  } catch (error) {
    if (!(error instanceof DirectoryError)) throw error;
    issues.push({ severity: "warning", code: "directoryUnavailable", params: { detail: error.message } });
    return candidate.people;
  }
}

/** JSON in the register format (registerSchema; any of its three lists may be left out). */
function mapJson(
  value: unknown,
  stored: Register,
  issues: ImportIssue[],
): { candidate: Candidate; locate: Locator } | undefined {
  const schema = registerSchema.partial();
  const before = issues.length;
  schemaIssues(schema, value, listPath, issues);
  if (issues.length > before) return undefined;
  const file = schema.parse(value);
  const storedPeople = new Map(stored.people.map((p) => [p.id, p]));
  const candidate: Candidate = {
    themes: file.themes ?? [],
    // What the bot learnt (the Entra object id) is kept when the file does not say.
    people: (file.people ?? []).map((p) => {
      const aad = storedPeople.get(p.id)?.aadObjectId;
      return p.aadObjectId === undefined && aad !== undefined ? { ...p, aadObjectId: aad } : p;
    }),
    goals: file.goals ?? [],
  };
  const index = (list: readonly { id: string }[]): Map<string, number> =>
    new Map(list.map((d, i) => [d.id, i]));
  return {
    candidate,
    locate: jsonLocator({
      themes: index(candidate.themes),
      people: index(candidate.people),
      goals: index(candidate.goals),
    }),
  };
}

/** Changing the milestones of a goal in an open round makes answers already given refer to others. */
function openRoundWarnings(
  candidate: Candidate,
  stored: Register,
  rounds: readonly Round[],
  locate: Locator,
): ImportIssue[] {
  const open = rounds.filter((r) => r.state === "open");
  if (open.length === 0) return [];
  const issues: ImportIssue[] = [];
  for (const goal of candidate.goals) {
    const previous = stored.goals.find((g) => g.id === goal.id);
    const round = open.find((r) => r.goalIds.includes(goal.id));
    if (!previous || !round || milestoneShape(previous) === milestoneShape(goal)) continue;
    issues.push({
      severity: "warning",
      code: "milestonesInOpenRound",
      ...at(locate.goal(goal.id, [])),
      params: { goal: goal.id, round: round.name.fi },
    });
  }
  return issues;
}

/** A frozen round is final: the goals its reports were given on keep their content (round-writes.ts). */
function frozenRoundErrors(
  candidate: Candidate,
  stored: Register,
  rounds: readonly Round[],
  locate: Locator,
): ImportIssue[] {
  const issues: ImportIssue[] = [];
  for (const goal of candidate.goals) {
    const previous = stored.goals.find((g) => g.id === goal.id);
    const frozen = frozenRoundOfGoalEdit(previous, goal, rounds);
    if (!frozen) continue;
    issues.push({
      severity: "error",
      code: "goalInFrozenRound",
      ...at(locate.goal(goal.id, [])),
      params: { goal: goal.id, round: frozen.id },
    });
  }
  return issues;
}

function milestoneShape(goal: Goal): string {
  return JSON.stringify(
    subjectsOfGoal(goal).map((s) => [s.id, s.milestones.map((m) => [m.id, m.target?.kind, m.target?.value])]),
  );
}

function finish(issues: ImportIssue[]): ImportIssue[] {
  const sorted = dedupeIssues(issues).sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1) ||
      (a.table ?? "").localeCompare(b.table ?? "") ||
      (a.row ?? 0) - (b.row ?? 0),
  );
  if (sorted.length <= MAX_ISSUES) return sorted;
  return [
    ...sorted.slice(0, MAX_ISSUES),
    {
      severity: sorted[MAX_ISSUES]!.severity,
      code: "tooManyIssues",
      params: { count: sorted.length - MAX_ISSUES },
    },
  ];
}

export function countsOf(candidate: Candidate): ImportCounts {
  let projects = 0;
  let milestones = 0;
  for (const g of candidate.goals) {
    projects += g.projects.length;
    milestones += g.milestones.length + g.projects.reduce((n, p) => n + p.milestones.length, 0);
  }
  return {
    themes: candidate.themes.length,
    people: candidate.people.length,
    goals: candidate.goals.length,
    projects,
    milestones,
  };
}

function changes(candidate: Candidate, stored: Register, existing: boolean): RegisterPlan["created"] {
  const count = (docs: readonly { id: string }[], storedDocs: readonly { id: string }[]): number => {
    const ids = new Set(storedDocs.map((d) => d.id));
    return docs.filter((d) => ids.has(d.id) === existing).length;
  };
  return {
    goals: count(candidate.goals, stored.goals),
    people: count(candidate.people, stored.people),
    themes: count(candidate.themes, stored.themes),
  };
}
