// The rules every change of the register must keep, whether it comes from a CSV or XLSX file, a JSON
// file or the admin's edit form: documents fit the schema, ids are unique, every goal has a known
// theme and one or two known owners, a percent target is at most 100 and a count is a whole number.
import type { z } from "zod";
import type { Goal, Milestone, Person, Register, Theme } from "@goal-forecast/core/domain/model";
import { goalSchema, personSchema, themeSchema } from "@goal-forecast/core/contract/documents";
import { at, type DocPath, type Locator, type Where } from "./locate.js";
import type { ImportIssue, IssueCode } from "./types.js";

/** The documents an import or edit would write (each replaces the stored one with its id). */
export interface Candidate {
  themes: Theme[];
  people: Person[];
  goals: Goal[];
}

export function checkRegister(candidate: Candidate, stored: Register, locate: Locator): ImportIssue[] {
  const issues: ImportIssue[] = [];
  const add = (where: Where, code: IssueCode, params?: Record<string, string | number>): void => {
    issues.push({ severity: "error", code, ...at(where), ...(params ? { params } : {}) });
  };

  // Shape and sizes, as the JSON schemas define them.
  for (const t of candidate.themes) schemaIssues(themeSchema, t, (p) => locate.theme(t.id, p), issues);
  for (const p of candidate.people)
    schemaIssues(personSchema, p, (path) => locate.person(p.id, path), issues);
  for (const g of candidate.goals) schemaIssues(goalSchema, g, (p) => locate.goal(g.id, p), issues);

  // The same id twice in the file.
  duplicates(
    candidate.themes,
    (t) => t.id,
    (t) => add(locate.theme(t.id, ["id"]), "duplicateTheme", { id: t.id }),
  );
  duplicates(
    candidate.people,
    (p) => p.id,
    (p) => add(locate.person(p.id, ["id"]), "duplicatePerson", { id: p.id }),
  );
  duplicates(
    candidate.goals,
    (g) => g.id,
    (g) => add(locate.goal(g.id, ["id"]), "duplicateGoal", { id: g.id }),
  );

  // The register as it would be: stored documents with the candidate's replacing them.
  const themes = merged(stored.themes, candidate.themes);
  const people = merged(stored.people, candidate.people);
  const goals = merged(stored.goals, candidate.goals);
  const personIds = new Set(people.map((p) => p.id));
  const themeIds = new Set(themes.map((t) => t.id));

  // One UPN (or e-mail) is one person.
  const byUpn = new Map<string, string>();
  for (const p of people) {
    for (const address of new Set(
      [p.upn, p.email].filter((a): a is string => !!a).map((a) => a.toLowerCase()),
    )) {
      const other = byUpn.get(address);
      if (other !== undefined && other !== p.id) {
        const mine = candidate.people.some((c) => c.id === p.id) ? p.id : other;
        add(locate.person(mine, ["upn"]), "duplicateUpn", {
          upn: address,
          other: mine === p.id ? other : p.id,
        });
      } else byUpn.set(address, p.id);
    }
  }

  for (const p of candidate.people) {
    if (p.managerId === undefined) continue;
    if (p.managerId === p.id) add(locate.person(p.id, ["managerId"]), "managerSelf");
    else if (!personIds.has(p.managerId))
      add(locate.person(p.id, ["managerId"]), "unknownManager", { value: p.managerId });
  }

  // Subject ids (goals and projects) are the keys of reports: unique across the whole register.
  const subjectOwner = new Map<string, string>();
  for (const g of goals) {
    for (const id of [g.id, ...g.projects.map((p) => p.id)]) {
      if (!subjectOwner.has(id)) subjectOwner.set(id, g.id);
    }
  }

  for (const goal of candidate.goals) {
    const where = (path: DocPath): Where => locate.goal(goal.id, path);
    if (!themeIds.has(goal.themeId)) add(where(["themeId"]), "unknownTheme", { value: goal.themeId });
    if (goal.ownerIds.length < 1 || goal.ownerIds.length > 2)
      add(where(["ownerIds"]), "ownersCount", { count: goal.ownerIds.length });
    people_(goal.ownerIds, ["ownerIds"]);
    people_(goal.preparerIds, ["preparerIds"]);
    milestones(goal.milestones, ["milestones"]);

    const seenProjects = new Set<string>();
    goal.projects.forEach((project, i) => {
      const path = ["projects", i] as const;
      const holder = subjectOwner.get(project.id);
      if (
        project.id === goal.id ||
        seenProjects.has(project.id) ||
        (holder !== undefined && holder !== goal.id)
      ) {
        add(where([...path, "id"]), "duplicateSubject", { id: project.id, goal: holder ?? goal.id });
      }
      seenProjects.add(project.id);
      if (project.goalId !== goal.id)
        add(where([...path, "goalId"]), "unknownGoal", { value: project.goalId });
      if (project.ownerIds.length > 2)
        add(where([...path, "ownerIds"]), "ownersCount", { count: project.ownerIds.length });
      people_(project.ownerIds, [...path, "ownerIds"]);
      people_(project.preparerIds, [...path, "preparerIds"]);
      milestones(project.milestones, [...path, "milestones"]);
    });
    const holder = subjectOwner.get(goal.id);
    if (holder !== undefined && holder !== goal.id)
      add(where(["id"]), "duplicateSubject", { id: goal.id, goal: holder });

    function people_(ids: readonly string[], path: DocPath): void {
      ids.forEach((id, i) => {
        if (!personIds.has(id)) add(where([...path, i]), "unknownPerson", { value: id });
      });
    }

    function milestones(list: readonly Milestone[], path: DocPath): void {
      const ids = new Set<string>();
      list.forEach((m, i) => {
        if (ids.has(m.id)) add(where([...path, i, "id"]), "duplicateMilestone", { id: m.id });
        ids.add(m.id);
        const target = m.target;
        if (!target) return;
        if (target.kind === "percent" && !(target.value > 0 && target.value <= 100))
          add(where([...path, i, "target", "value"]), "percentOutOfRange", { value: target.value });
        if (target.kind === "count" && !Number.isInteger(target.value))
          add(where([...path, i, "target", "value"]), "notAnInteger", { value: target.value });
      });
    }
  }

  return dedupeIssues(issues);
}

/** Zod's findings as import issues, each at its place in the file. */
export function schemaIssues(
  schema: z.ZodType,
  value: unknown,
  locate: (path: DocPath) => Where,
  issues: ImportIssue[],
): void {
  const result = schema.safeParse(value);
  if (result.success) return;
  for (const issue of result.error.issues.slice(0, 20)) {
    const path = issue.path;
    const where = locate(path);
    const field = String([...path].reverse().find((p) => typeof p === "string") ?? "");
    let code: IssueCode = "invalid";
    let params: Record<string, string | number> | undefined;
    if (issue.code === "too_big") {
      const max = Number(issue.maximum);
      if (issue.origin === "string") {
        code = "tooLong";
        params = { max, length: lengthAt(value, path) };
      } else if (issue.origin === "array" || issue.origin === "set") {
        code = field === "ownerIds" ? "ownersCount" : "tooMany";
        params =
          field === "ownerIds" ? { count: lengthAt(value, path) } : { max, count: lengthAt(value, path) };
      } else if (field === "year") {
        code = "yearOutOfRange";
        params = { value: String(valueAt(value, path)), min: 2000, max: 2100 };
      } else if (field === "value") {
        code = "countOutOfRange";
        params = { value: String(valueAt(value, path)), min: 1, max };
      }
    } else if (issue.code === "too_small") {
      if (issue.origin === "string") code = "required";
      else if (issue.origin === "array") {
        code = field === "ownerIds" ? "ownersCount" : "required";
        if (field === "ownerIds") params = { count: 0 };
      } else if (field === "year") {
        code = "yearOutOfRange";
        params = { value: String(valueAt(value, path)), min: 2000, max: 2100 };
      } else if (field === "value") {
        code = "countOutOfRange";
        params = { value: String(valueAt(value, path)), min: 1, max: 1_000_000 };
      }
    } else if (issue.code === "invalid_format") {
      code =
        issue.format === "email"
          ? "invalidEmail"
          : field.endsWith("Id") || field === "id"
            ? "invalidId"
            : "invalid";
      params = { value: String(valueAt(value, path) ?? "").slice(0, 80) };
    } else if (issue.code === "invalid_value") {
      code = "invalidChoice";
      params = { value: String(valueAt(value, path) ?? ""), choices: issue.values.map(String).join(", ") };
    } else if (issue.code === "invalid_type") {
      code = valueAt(value, path) === undefined ? "required" : "invalid";
    } else if (issue.code === "unrecognized_keys") {
      code = "invalid";
      params = { value: issue.keys.join(", ") };
    }
    issues.push({ severity: "error", code, ...at(where), ...(params ? { params } : {}) });
  }
}

/**
 * One error per cell: the row reader reports a cell's problem in the most specific words ("no theme
 * 'X'"), and the rules that run afterwards on the resulting document would say it again less well
 * ("not a valid id"); the first one stands. Warnings and problems of the whole file are kept per kind.
 */
export function dedupeIssues(issues: readonly ImportIssue[]): ImportIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const placed = i.table !== undefined || i.row !== undefined || i.column !== undefined;
    const kind = i.severity === "error" && placed ? "" : i.code;
    const key = [i.severity, kind, i.table ?? "", i.row ?? "", i.column ?? ""].join("\u0000");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function merged<T extends { id: string }>(stored: readonly T[], replacing: readonly T[]): T[] {
  const byId = new Map(stored.map((d) => [d.id, d]));
  for (const d of replacing) byId.set(d.id, d);
  return [...byId.values()];
}

function duplicates<T>(items: readonly T[], key: (t: T) => string, report: (t: T) => void): void {
  const seen = new Set<string>();
  for (const item of items) {
    const k = key(item);
    if (seen.has(k)) report(item);
    seen.add(k);
  }
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k], value);
}

function lengthAt(value: unknown, path: readonly PropertyKey[]): number {
  const v = valueAt(value, path);
  return typeof v === "string" || Array.isArray(v) ? v.length : 0;
}
