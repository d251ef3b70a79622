// The goals table → goals and their projects: a goal row (no project_id) replaces that goal as a
// whole, with exactly the project rows given for it; a column missing from the table keeps the
// stored value, an empty cell in a present column clears it. The milestones table, when present,
// then sets the milestones (milestones.ts). Goals by id, in file order.
import { LIMITS } from "@goal-forecast/core/domain/limits";
import type { Goal, Person, Project, Register, Theme } from "@goal-forecast/core/domain/model";
import { clip, RowReader, splitList } from "../cells.js";
import { normalizeHeader } from "../columns.js";
import type { RowPlace } from "../locate.js";
import type { ImportIssue, SheetRow, Table } from "../types.js";
import { addressIndex } from "./people.js";

export const GOAL_COLUMNS: Record<string, string> = {
  id: "goal_id",
  year: "year",
  themeId: "theme",
  title: "title",
  text: "text",
  subGoal: "sub_goal",
  actions: "actions",
  indicators: "indicators",
  recoveryIndicator: "recovery_indicator",
  crossThemes: "cross_themes",
  ownerIds: "owners",
  preparerIds: "preparers",
  order: "order",
  active: "active",
};
export const PROJECT_COLUMNS: Record<string, string> = {
  id: "project_id",
  goalId: "goal_id",
  title: "title",
  text: "text",
  ownerIds: "owners",
  preparerIds: "preparers",
  order: "order",
};
/** Columns of the goals table that only a goal row uses; on a project row they are ignored. */
const GOAL_ONLY = [
  "year",
  "theme",
  "sub_goal",
  "actions",
  "indicators",
  "recovery_indicator",
  "cross_themes",
  "active",
];

export interface GoalPlaces {
  goalPlaces: Map<string, RowPlace>;
  projectPlaces: Map<string, RowPlace>;
  milestonePlaces: Map<string, RowPlace>;
}

export function mapGoals(
  goalsTable: Table | undefined,
  stored: Register,
  fromFile: { themes: Theme[]; people: Person[] },
  issues: ImportIssue[],
  places: GoalPlaces,
): Map<string, Goal> {
  const themes = mergedById(stored.themes, fromFile.themes);
  const people = addressIndex(mergedById(stored.people, fromFile.people));
  const storedGoals = new Map(stored.goals.map((g) => [g.id, g]));
  const goals = new Map<string, Goal>();

  const resolveTheme = (r: RowReader): string | undefined => {
    const value = r.text("theme", LIMITS.title, true);
    if (value === undefined) return undefined;
    const key = normalizeHeader(value);
    const theme = themes.find(
      (t) =>
        t.id.toLowerCase() === value.toLowerCase() ||
        [t.name.fi, t.name.sv, t.name.en].some((n) => n !== undefined && normalizeHeader(n) === key),
    );
    if (!theme) r.problem("theme", "unknownTheme", { value: clip(value) });
    return theme?.id;
  };

  const resolvePeople = (r: RowReader, column: string, max: number): string[] | undefined => {
    const ids: string[] = [];
    let failed = false;
    for (const item of splitList(r.cell(column).text, "lines;,")) {
      const person = people.get(item.replace(/^mailto:/i, "").toLowerCase());
      if (!person) {
        r.problem(column, "unknownPerson", { value: clip(item) });
        failed = true;
      } else if (!ids.includes(person.id)) ids.push(person.id);
    }
    if (failed) return undefined;
    if (column === "owners" && ids.length > max) {
      r.problem(column, "ownersCount", { count: ids.length });
      return undefined;
    }
    if (ids.length > max) {
      r.problem(column, "tooMany", { max, count: ids.length });
      return undefined;
    }
    return ids;
  };

  if (goalsTable) {
    const projectRows: { row: SheetRow; reader: RowReader }[] = [];
    const positionInYear = new Map<number, number>();
    for (const row of goalsTable.rows) {
      const r = new RowReader(goalsTable, row, issues);
      if (!r.blank("project_id")) {
        projectRows.push({ row, reader: r });
        continue;
      }
      const id = r.id("goal_id", true);
      const year = r.integer("year", 2000, 2100, "yearOutOfRange");
      if (r.blank("year")) r.problem("year", "required");
      const themeId = resolveTheme(r);
      const title = r.text("title", LIMITS.title, true);
      const text = r.text("text", LIMITS.goalText, true);
      const subGoal = r.text("sub_goal", LIMITS.goalText);
      const actions = r.list("actions", "lines", LIMITS.listItems, LIMITS.listItem);
      const indicators = r.list("indicators", "lines", LIMITS.listItems, LIMITS.listItem);
      const recovery = r.boolean("recovery_indicator");
      const crossThemes = r.list("cross_themes", "lines;", LIMITS.listItems, LIMITS.title);
      const owners = resolvePeople(r, "owners", 2);
      if (owners !== undefined && owners.length === 0 && r.blank("owners"))
        r.problem("owners", "ownersCount", { count: 0 });
      const preparers = resolvePeople(r, "preparers", 10);
      const order = r.integer("order", -1_000_000, 1_000_000);
      const active = r.boolean("active");
      if (id === undefined) continue;
      if (goals.has(id)) {
        r.problem("goal_id", "duplicateGoal", { id, other: places.goalPlaces.get(id)!.row });
        continue;
      }
      places.goalPlaces.set(id, { table: goalsTable.source, row: row.row });
      const previous = storedGoals.get(id);
      const position = (positionInYear.get(year ?? 0) ?? 0) + 1;
      positionInYear.set(year ?? 0, position);
      const keep = <T>(column: string, value: T | undefined, old: T | undefined, fallback: T): T =>
        r.has(column) ? (value ?? fallback) : (old ?? fallback);
      const goal: Goal = {
        id,
        year: year ?? previous?.year ?? 0,
        themeId: themeId ?? "",
        title: title ?? "",
        text: text ?? "",
        actions: keep("actions", actions, previous?.actions, []),
        indicators: keep("indicators", indicators, previous?.indicators, []),
        recoveryIndicator: keep("recovery_indicator", recovery, previous?.recoveryIndicator, false),
        crossThemes: keep("cross_themes", crossThemes, previous?.crossThemes, []),
        ownerIds: owners ?? [],
        preparerIds: keep("preparers", preparers, previous?.preparerIds, []),
        milestones: previous?.milestones ?? [],
        projects: [],
        order: keep("order", order, previous?.order, position),
        active: keep("active", active, previous?.active, true),
      };
      const sub = r.has("sub_goal") ? subGoal : previous?.subGoal;
      if (sub !== undefined) goal.subGoal = sub;
      goals.set(id, goal);
    }

    const projectIds = new Set<string>();
    for (const { row, reader: r } of projectRows) {
      const goalId = r.id("goal_id", true);
      const id = r.id("project_id", true);
      const title = r.text("title", LIMITS.title, true);
      const text = r.text("text", LIMITS.goalText);
      const owners = resolvePeople(r, "owners", 2);
      const preparers = resolvePeople(r, "preparers", 10);
      const order = r.integer("order", -1_000_000, 1_000_000);
      const ignored = GOAL_ONLY.filter((c) => r.has(c) && !r.blank(c)).map(
        (c) => goalsTable.headers.get(c) ?? c,
      );
      if (ignored.length > 0)
        r.problem(undefined, "projectColumnIgnored", { columns: ignored.join(", ") }, "warning");
      if (goalId === undefined || id === undefined) continue;
      const goal = goals.get(goalId);
      if (!goal) {
        // A goal is imported as a whole with its projects: the goal's own row must be in the file.
        r.problem("goal_id", storedGoals.has(goalId) ? "projectWithoutGoalRow" : "unknownGoal", {
          value: goalId,
        });
        continue;
      }
      if (projectIds.has(id)) {
        r.problem("project_id", "duplicateSubject", { id, goal: goalId });
        continue;
      }
      projectIds.add(id);
      places.projectPlaces.set(`${goalId}\u0000${id}`, { table: goalsTable.source, row: row.row });
      const previous = storedGoals.get(goalId)?.projects.find((p) => p.id === id);
      const project: Project = {
        id,
        goalId,
        title: title ?? "",
        ownerIds: owners ?? [],
        preparerIds: preparers ?? [],
        milestones: previous?.milestones ?? [],
        order: r.has("order")
          ? (order ?? goal.projects.length + 1)
          : (previous?.order ?? goal.projects.length + 1),
      };
      const projectText = r.has("text") ? text : previous?.text;
      if (projectText !== undefined) project.text = projectText;
      goal.projects.push(project);
    }
  }

  return goals;
}

function mergedById<T extends { id: string }>(stored: readonly T[], replacing: readonly T[]): T[] {
  const byId = new Map(stored.map((d) => [d.id, d]));
  for (const d of replacing) byId.set(d.id, d);
  return [...byId.values()];
}
