// Where a problem found in a register document sits in the file the person uploaded: the sheet
// and row it came from (tables) or its place in a JSON list, and the column or field.
import type { ImportIssue } from "./types.js";

export type DocPath = readonly PropertyKey[];

export interface Where {
  table?: string;
  row?: number;
  column?: string;
}

/** Maps a document (by id) and a path inside it to its place in the file. */
export interface Locator {
  theme(id: string, path: DocPath): Where;
  person(id: string, path: DocPath): Where;
  goal(id: string, path: DocPath): Where;
}

export function at(where: Where): Pick<ImportIssue, "table" | "row" | "column"> {
  return {
    ...(where.table !== undefined ? { table: where.table } : {}),
    ...(where.row !== undefined ? { row: where.row } : {}),
    ...(where.column !== undefined ? { column: where.column } : {}),
  };
}

/** A path into a JSON file of lists (`[table, index, ...field]`) as its place: the table, the
 * 1-based item and the field path as the column ("goals", 3, "ownerIds.0"). */
export function listPath(path: DocPath): Where {
  const [table, index, ...rest] = path;
  return {
    ...(typeof table === "string" ? { table } : {}),
    ...(typeof index === "number" ? { row: index + 1 } : {}),
    ...(rest.length > 0 ? { column: rest.map(String).join(".") } : {}),
  };
}

/** JSON: the n-th item of the file's list, the field path as the column ("ownerIds.0"). */
export function jsonLocator(index: {
  themes: Map<string, number>;
  people: Map<string, number>;
  goals: Map<string, number>;
}): Locator {
  const where = (table: "themes" | "people" | "goals", id: string, path: DocPath): Where => {
    const i = index[table].get(id);
    return {
      table,
      ...(i !== undefined ? { row: i + 1 } : {}),
      ...(path.length > 0 ? { column: path.map(String).join(".") } : {}),
    };
  };
  return {
    theme: (id, path) => where("themes", id, path),
    person: (id, path) => where("people", id, path),
    goal: (id, path) => where("goals", id, path),
  };
}

/** The table and row a document (or a project, a milestone) was read from. */
export interface RowPlace {
  table: string;
  row: number;
}
