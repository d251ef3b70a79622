// Tables read from CSV or XLSX → the register documents they describe, checked row by row.
//
// What a file changes (docs/IMPORT.md says the same for people):
// - a person is matched by UPN (or e-mail) and updated, or added; nobody is removed;
// - a goal row replaces that goal as a whole, with exactly the project rows given for it;
// - with a milestones table, a goal's or project's milestones are exactly its rows there (goals in
//   the goals table without milestone rows get none; stored goals only named in the milestones table
//   get their milestones replaced); without one, stored milestones are kept;
// - a column missing from a table keeps the stored value; an empty cell in a present column clears it.
import type { Register } from "@goal-forecast/core/domain/model";
import type { DocPath, Locator, RowPlace, Where } from "./locate.js";
import type { Candidate } from "./rules.js";
import { GOAL_COLUMNS, mapGoals, PROJECT_COLUMNS } from "./tables/goals.js";
import { mapMilestones, MILESTONE_COLUMNS } from "./tables/milestones.js";
import { mapPeople, PERSON_COLUMNS } from "./tables/people.js";
import { mapThemes, THEME_COLUMNS } from "./tables/themes.js";
import type { ImportIssue, Table, TableKind } from "./types.js";

export interface TabularResult {
  candidate: Candidate;
  locate: Locator;
}

/** Maps the tables to documents; every problem found on the way goes to `issues`. */
export function mapTables(tables: readonly Table[], stored: Register, issues: ImportIssue[]): TabularResult {
  const byKind = new Map<TableKind, Table>(tables.map((t) => [t.kind, t]));
  const themePlaces = new Map<string, RowPlace>();
  const personPlaces = new Map<string, RowPlace>();
  const goalPlaces = new Map<string, RowPlace>();
  const projectPlaces = new Map<string, RowPlace>(); // "goal\0project"
  const milestonePlaces = new Map<string, RowPlace>(); // "goal\0subject\0index"

  const themes = mapThemes(byKind.get("themes"), stored, issues, themePlaces);
  const people = mapPeople(byKind.get("people"), stored, issues, personPlaces);
  const byId = mapGoals(byKind.get("goals"), stored, { themes, people }, issues, {
    goalPlaces,
    projectPlaces,
    milestonePlaces,
  });
  const milestones = byKind.get("milestones");
  if (milestones) mapMilestones(milestones, byId, stored.goals, issues, { goalPlaces, milestonePlaces });
  const goals = [...byId.values()];

  const locate: Locator = {
    theme: (id, path) => place(themePlaces.get(id), column(THEME_COLUMNS, path)),
    person: (id, path) => place(personPlaces.get(id), column(PERSON_COLUMNS, path)),
    goal: (id, path) => {
      const goalPlace = goalPlaces.get(id);
      if (path[0] === "projects" && typeof path[1] === "number") {
        const goal = goals.find((g) => g.id === id);
        const project = goal?.projects[path[1]];
        if (project && path[2] === "milestones" && typeof path[3] === "number") {
          const m = milestonePlaces.get(`${id}\u0000${project.id}\u0000${path[3]}`);
          return place(
            m ?? projectPlaces.get(`${id}\u0000${project.id}`) ?? goalPlace,
            column(MILESTONE_COLUMNS, path.slice(4)),
          );
        }
        return place(
          projectPlaces.get(`${id}\u0000${project?.id ?? ""}`) ?? goalPlace,
          column(PROJECT_COLUMNS, path.slice(2)),
        );
      }
      if (path[0] === "milestones" && typeof path[1] === "number") {
        const m = milestonePlaces.get(`${id}\u0000${id}\u0000${path[1]}`);
        return place(m ?? goalPlace, column(MILESTONE_COLUMNS, path.slice(2)));
      }
      return place(goalPlace, column(GOAL_COLUMNS, path));
    },
  };
  return { candidate: { themes, people, goals }, locate };
}

function place(p: RowPlace | undefined, column: string | undefined): Where {
  return { ...(p ? { table: p.table, row: p.row } : {}), ...(column ? { column } : {}) };
}

function column(map: Record<string, string>, path: DocPath): string | undefined {
  const field = path.find((p) => typeof p === "string" && p in map);
  if (typeof field !== "string") return undefined;
  // a target's parts have their own columns
  if (field === "target") {
    const part = path[path.indexOf("target") + 1];
    return typeof part === "string" && part in map ? map[part] : map.target;
  }
  return map[field];
}
