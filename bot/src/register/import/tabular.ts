// Tables read from CSV or XLSX → the register documents they describe, checked row by row.
//
// What a file changes (docs/IMPORT.md says the same for people):
// - a person is matched by UPN (or e-mail) and updated, or added; nobody is removed;
// - a goal row replaces that goal as a whole, with exactly the project rows given for it;
// - with a milestones table, a goal's or project's milestones are exactly its rows there (goals in
//   the goals table without milestone rows get none; stored goals only named in the milestones table
//   get their milestones replaced); without one, stored milestones are kept;
// - a column missing from a table keeps the stored value; an empty cell in a present column clears it.
import { LIMITS } from "@goal-forecast/core/domain/limits";
import {
  LANGUAGES,
  type Goal,
  type Language,
  type Milestone,
  type MilestoneTarget,
  type OrgRole,
  type Person,
  type Project,
  type Register,
  type Theme,
} from "@goal-forecast/core/domain/model";
import { resources } from "@goal-forecast/core/i18n";
import { clip, EMAIL_PATTERN, parseNumber, RowReader, splitList } from "./cells.js";
import { normalizeHeader } from "./columns.js";
import type { DocPath, Locator, Where } from "./locate.js";
import type { Candidate } from "./rules.js";
import type { ImportIssue, SheetRow, Table, TableKind } from "./types.js";

const GOAL_COLUMNS: Record<string, string> = {
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
const PROJECT_COLUMNS: Record<string, string> = {
  id: "project_id",
  goalId: "goal_id",
  title: "title",
  text: "text",
  ownerIds: "owners",
  preparerIds: "preparers",
  order: "order",
};
const MILESTONE_COLUMNS: Record<string, string> = {
  id: "milestone_id",
  text: "milestone",
  order: "order",
  label: "label",
  group: "group",
  target: "target_value",
  kind: "target_kind",
  value: "target_value",
  unit: "unit",
};
const PERSON_COLUMNS: Record<string, string> = {
  id: "person_id",
  upn: "upn",
  email: "email",
  displayName: "display_name",
  language: "language",
  roles: "roles",
  managerId: "manager",
};
const THEME_COLUMNS: Record<string, string> = {
  id: "theme_id",
  fi: "name_fi",
  sv: "name_sv",
  en: "name_en",
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

export interface TabularResult {
  candidate: Candidate;
  locate: Locator;
}

interface Places {
  table: string;
  row: number;
}

/** Maps the tables to documents; every problem found on the way goes to `issues`. */
export function mapTables(tables: readonly Table[], stored: Register, issues: ImportIssue[]): TabularResult {
  const byKind = new Map<TableKind, Table>(tables.map((t) => [t.kind, t]));
  const themePlaces = new Map<string, Places>();
  const personPlaces = new Map<string, Places>();
  const goalPlaces = new Map<string, Places>();
  const projectPlaces = new Map<string, Places>(); // "goal\0project"
  const milestonePlaces = new Map<string, Places>(); // "goal\0subject\0index"

  const themes = mapThemes(byKind.get("themes"), stored, issues, themePlaces);
  const people = mapPeople(byKind.get("people"), stored, issues, personPlaces);
  const goals = mapGoals(byKind.get("goals"), byKind.get("milestones"), stored, { themes, people }, issues, {
    goalPlaces,
    projectPlaces,
    milestonePlaces,
  });

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

function place(p: Places | undefined, column: string | undefined): Where {
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

// ---------------------------------------------------------------- themes

function mapThemes(
  table: Table | undefined,
  stored: Register,
  issues: ImportIssue[],
  places: Map<string, Places>,
): Theme[] {
  if (!table) return [];
  const out: Theme[] = [];
  table.rows.forEach((row, index) => {
    const r = new RowReader(table, row, issues);
    const id = r.id("theme_id", true);
    const fi = r.text("name_fi", LIMITS.title, true);
    const sv = r.text("name_sv", LIMITS.title);
    const en = r.text("name_en", LIMITS.title);
    const previous = stored.themes.find((t) => t.id === id);
    const order = r.integer("order", -1_000_000, 1_000_000) ?? previous?.order ?? index + 1;
    if (id === undefined || fi === undefined) return;
    if (places.has(id)) {
      r.problem("theme_id", "duplicateTheme", { id });
      return;
    }
    places.set(id, { table: table.source, row: row.row });
    const theme: Theme = { id, name: { fi }, order };
    const keep = (lang: "sv" | "en", value: string | undefined): void => {
      const v = r.has(`name_${lang}`) ? value : previous?.name[lang];
      if (v !== undefined) theme.name[lang] = v;
    };
    keep("sv", sv);
    keep("en", en);
    out.push(theme);
  });
  return out;
}

// ---------------------------------------------------------------- people

const LANGUAGE_WORDS: Map<string, Language> = (() => {
  const words = new Map<string, Language>();
  for (const lang of LANGUAGES) {
    words.set(lang, lang);
    for (const ui of LANGUAGES) words.set(normalizeHeader(resources[ui].common.language[lang]), lang);
  }
  words.set("suomi", "fi");
  words.set("svenska", "sv");
  words.set("english", "en");
  return words;
})();

const ROLE_WORDS: Map<string, OrgRole> = (() => {
  const words = new Map<string, OrgRole>();
  for (const role of ["admin", "manager"] as const) {
    words.set(role, role);
    for (const ui of LANGUAGES) words.set(normalizeHeader(resources[ui].common.role[role]), role);
  }
  return words;
})();

function mapPeople(
  table: Table | undefined,
  stored: Register,
  issues: ImportIssue[],
  places: Map<string, Places>,
): Person[] {
  if (!table) return [];
  const storedByAddress = addressIndex(stored.people);
  const usedIds = new Set(stored.people.map((p) => p.id));
  const upnsInFile = new Map<string, number>();
  const out: { person: Person; reader: RowReader; manager?: string }[] = [];

  for (const row of table.rows) {
    const r = new RowReader(table, row, issues);
    const upn = email(r, "upn", true);
    const displayName = r.text("display_name", LIMITS.title, true);
    const mail = email(r, "email");
    let language: Language | undefined;
    if (!r.blank("language")) {
      language = LANGUAGE_WORDS.get(normalizeHeader(r.cell("language").text));
      if (!language)
        r.problem("language", "invalidChoice", {
          value: clip(r.cell("language").text),
          choices: "fi, sv, en",
        });
    }
    let roles: OrgRole[] | undefined;
    if (r.has("roles")) {
      roles = [];
      for (const word of splitList(r.cell("roles").text, "lines;,")) {
        const role = ROLE_WORDS.get(normalizeHeader(word));
        if (!role) r.problem("roles", "invalidChoice", { value: clip(word), choices: "admin, manager" });
        else if (!roles.includes(role)) roles.push(role);
      }
    }
    const givenId = r.id("person_id");
    const manager = r.text("manager", 256);
    if (upn === undefined || displayName === undefined) continue;

    const upnKey = upn.toLowerCase();
    const firstRow = upnsInFile.get(upnKey);
    if (firstRow !== undefined) {
      r.problem("upn", "duplicatePerson", { id: upn, other: firstRow });
      continue;
    }
    upnsInFile.set(upnKey, row.row);

    const previous =
      (givenId !== undefined ? stored.people.find((p) => p.id === givenId) : undefined) ??
      storedByAddress.get(upnKey) ??
      (mail ? storedByAddress.get(mail.toLowerCase()) : undefined);
    const id = givenId ?? previous?.id ?? newPersonId(upn, usedIds);
    usedIds.add(id);
    if (places.has(id)) {
      r.problem("person_id", "duplicatePerson", { id, other: places.get(id)!.row });
      continue;
    }
    places.set(id, { table: table.source, row: row.row });

    const person: Person = { ...(previous ?? {}), id, upn, displayName } as Person;
    if (r.has("email")) {
      if (mail) person.email = mail;
      else delete person.email;
    }
    if (r.has("language")) {
      if (language) person.language = language;
      else delete person.language;
    }
    if (roles !== undefined) {
      if (roles.length > 0) person.roles = roles;
      else delete person.roles;
    }
    out.push({ person, reader: r, ...(manager !== undefined ? { manager } : {}) });
  }

  // Managers may be anywhere in the table (or already stored): resolve once everyone is known.
  const index = addressIndex([...stored.people, ...out.map((o) => o.person)]);
  for (const { person, reader, manager } of out) {
    if (!reader.has("manager")) continue;
    if (manager === undefined) {
      delete person.managerId;
      continue;
    }
    const found = index.get(manager.toLowerCase());
    if (!found) reader.problem("manager", "unknownManager", { value: clip(manager) });
    else if (found.id === person.id) reader.problem("manager", "managerSelf");
    else person.managerId = found.id;
  }
  return out.map((o) => o.person);
}

function email(r: RowReader, column: string, required = false): string | undefined {
  const value = r.text(column, 256, required);
  if (value === undefined) return undefined;
  const address = value.replace(/^mailto:/i, "");
  if (!EMAIL_PATTERN.test(address)) {
    r.problem(column, "invalidEmail", { value: clip(address) });
    return undefined;
  }
  return address;
}

/** Person ids, UPNs and e-mail addresses (lower case) → person. */
function addressIndex(people: readonly Person[]): Map<string, Person> {
  const index = new Map<string, Person>();
  for (const p of people) {
    index.set(p.id.toLowerCase(), p);
    if (p.email) index.set(p.email.toLowerCase(), p);
    index.set(p.upn.toLowerCase(), p);
  }
  return index;
}

/** A readable, stable id for a new person: "p-" and the UPN's local part ("p-aino-aaltonen"). */
export function newPersonId(upn: string, used: Set<string>): string {
  const local = upn.split("@")[0] ?? upn;
  const slug =
    local
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 100) || "person";
  let id = `p-${slug}`;
  for (let n = 2; used.has(id); n++) id = `p-${slug}-${n}`;
  return id;
}

// ---------------------------------------------------------------- goals, projects, milestones

interface GoalPlaces {
  goalPlaces: Map<string, Places>;
  projectPlaces: Map<string, Places>;
  milestonePlaces: Map<string, Places>;
}

function mapGoals(
  goalsTable: Table | undefined,
  milestonesTable: Table | undefined,
  stored: Register,
  fromFile: { themes: Theme[]; people: Person[] },
  issues: ImportIssue[],
  places: GoalPlaces,
): Goal[] {
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

  if (milestonesTable) mapMilestones(milestonesTable, goals, storedGoals, issues, places);
  return [...goals.values()];
}

const TARGET_KINDS: Map<string, MilestoneTarget["kind"]> = new Map([
  ["count", "count"],
  ["kpl", "count"],
  ["lkm", "count"],
  ["lukumäärä", "count"],
  ["määrä", "count"],
  ["antal", "count"],
  ["st", "count"],
  ["number", "count"],
  ["percent", "percent"],
  ["prosentti", "percent"],
  ["procent", "percent"],
  ["percentage", "percent"],
]);

function mapMilestones(
  table: Table,
  goals: Map<string, Goal>,
  storedGoals: Map<string, Goal>,
  issues: ImportIssue[],
  places: GoalPlaces,
): void {
  // Subject key "goal\0subject" → its new milestones, in file order.
  const lists = new Map<
    string,
    { goal: Goal; subject: Goal | Project; items: { m: Milestone; row: number; explicitOrder: boolean }[] }
  >();

  for (const row of table.rows) {
    const r = new RowReader(table, row, issues);
    const goalId = r.id("goal_id", true);
    const projectId = r.id("project_id");
    const givenId = r.id("milestone_id");
    const order = r.integer("order", -1_000_000, 1_000_000);
    const text = r.text("milestone", LIMITS.listItem, true);
    const label = r.text("label", LIMITS.title);
    const group = r.text("group", LIMITS.listItem);
    const unit = r.text("unit", 40);
    const target = readTarget(r);
    if (goalId === undefined || text === undefined) continue;

    // The goal is the one in this file, else the stored one (its milestones alone are replaced).
    let goal = goals.get(goalId);
    if (!goal) {
      const previous = storedGoals.get(goalId);
      if (!previous) {
        r.problem("goal_id", "unknownGoal", { value: goalId });
        continue;
      }
      goal = structuredClone(previous);
      goals.set(goalId, goal);
    }
    let subject: Goal | Project = goal;
    if (projectId !== undefined) {
      const project = goal.projects.find((p) => p.id === projectId);
      if (!project) {
        r.problem("project_id", "unknownSubject", { value: projectId, goal: goalId });
        continue;
      }
      subject = project;
    } else if (goal.projects.length > 0) {
      r.problem("project_id", "milestoneNeedsProject", { goal: goalId });
      continue;
    }
    const key = `${goalId}\u0000${subject.id}`;
    let list = lists.get(key);
    if (!list) {
      list = { goal, subject, items: [] };
      lists.set(key, list);
    }
    if (list.items.length >= LIMITS.milestones) {
      r.problem("milestone", "tooMany", { max: LIMITS.milestones, count: list.items.length + 1 });
      continue;
    }
    const m: Milestone = { id: givenId ?? "", text, order: order ?? list.items.length + 1 };
    if (label !== undefined) m.label = label;
    if (group !== undefined) m.group = group;
    if (target) {
      m.target = target;
      if (unit !== undefined && target.kind === "count") m.target.unit = unit;
    }
    list.items.push({ m, row: row.row, explicitOrder: order !== undefined });
  }

  // Goals in the goals table without milestone rows: none. Stored goals named only here: replaced per subject.
  for (const goal of goals.values()) {
    if (places.goalPlaces.has(goal.id)) {
      goal.milestones = [];
      for (const p of goal.projects) p.milestones = [];
    }
  }

  for (const { goal, subject, items } of lists.values()) {
    const storedSubject = subjectOf(storedGoals.get(goal.id), subject.id);
    const used = new Set(items.map((i) => i.m.id).filter((id) => id !== ""));
    const seen = new Set<string>();
    const milestones: Milestone[] = [];
    for (const item of items) {
      const m = item.m;
      if (m.id === "") {
        // Keep the id of the stored milestone with the same text, so reports of earlier rounds still match.
        const same = storedSubject?.milestones.find((s) => s.text === m.text && !used.has(s.id));
        let id = same?.id ?? `m${m.order}`;
        for (let n = m.order; used.has(id); n++) id = `m${n + 1}`;
        m.id = id;
        used.add(id);
      }
      if (seen.has(m.id)) {
        issues.push({
          severity: "error",
          code: "duplicateMilestone",
          table: table.source,
          row: item.row,
          column: "milestone_id",
          params: { id: m.id },
        });
        continue;
      }
      seen.add(m.id);
      places.milestonePlaces.set(`${goal.id}\u0000${subject.id}\u0000${milestones.length}`, {
        table: table.source,
        row: item.row,
      });
      milestones.push(m);
    }
    subject.milestones = milestones;
  }
}

function subjectOf(goal: Goal | undefined, subjectId: string): Goal | Project | undefined {
  if (!goal) return undefined;
  return goal.id === subjectId ? goal : goal.projects.find((p) => p.id === subjectId);
}

function readTarget(r: RowReader): MilestoneTarget | undefined {
  const kindText = r.cell("target_kind").text.trim();
  const valueCell = r.cell("target_value");
  const hasValue = valueCell.text.trim() !== "";
  if (kindText === "" && !hasValue) return undefined;
  let kind: MilestoneTarget["kind"] | undefined;
  if (kindText !== "") {
    kind = kindText === "%" ? "percent" : TARGET_KINDS.get(normalizeHeader(kindText));
    if (!kind) {
      r.problem("target_kind", "invalidChoice", { value: clip(kindText), choices: "count, percent" });
      return undefined;
    }
  }
  if (!hasValue) {
    r.problem("target_value", "targetValueMissing");
    return undefined;
  }
  const parsed = r.report("target_value", parseNumber(valueCell));
  if (!parsed) return undefined;
  const percentCell = parsed.percentSign || /%/.test(valueCell.text);
  if (!kind) {
    if (!percentCell) {
      r.problem("target_kind", "targetKindMissing");
      return undefined;
    }
    kind = "percent";
  }
  const value = parsed.value;
  if (kind === "percent") {
    if (!(value > 0 && value <= 100)) {
      r.problem("target_value", "percentOutOfRange", { value: clip(valueCell.text) });
      return undefined;
    }
    if (value < 1) r.problem("target_value", "percentLooksLikeFraction", { value }, "warning");
    return { kind, value };
  }
  if (!Number.isInteger(value)) {
    r.problem("target_value", "notAnInteger", { value: clip(valueCell.text) });
    return undefined;
  }
  if (value < 1 || value > LIMITS.countValue) {
    r.problem("target_value", "countOutOfRange", {
      value: clip(valueCell.text),
      min: 1,
      max: LIMITS.countValue,
    });
    return undefined;
  }
  return { kind, value };
}

function mergedById<T extends { id: string }>(stored: readonly T[], replacing: readonly T[]): T[] {
  const byId = new Map(stored.map((d) => [d.id, d]));
  for (const d of replacing) byId.set(d.id, d);
  return [...byId.values()];
}
