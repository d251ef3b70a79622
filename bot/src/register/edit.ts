// The admin's edits of the register one document at a time (a goal, a person), under the same rules
// as an import, each recorded in the audit log with what changed, field by field, before and after.
import { DirectoryError, NO_DIRECTORY, resolvePeople, type DirectoryLookup } from "./directory.js";
import type { Goal, Language, OrgRole, Person } from "@goal-forecast/core/domain/model";
import { changes } from "@goal-forecast/core/domain/changes";
import { frozenRoundOfGoalEdit } from "@goal-forecast/core/domain/round-writes";
import type { AuditChannel } from "../storage/audit.js";
import type { Stores } from "../storage/index.js";
import type { DocPath, Locator, Where } from "../import/locate.js";
import { checkRegister } from "../import/rules.js";
import { newPersonId } from "../import/tables/people.js";
import type { ImportIssue } from "../import/types.js";

export type EditResult<T> = { ok: true; value: T; created: boolean } | { ok: false; issues: ImportIssue[] };

/** Problems of a single document are located by field path alone ("ownerIds.1"). */
const fieldLocator: Locator = {
  theme: (_id, path) => field(path),
  person: (_id, path) => field(path),
  goal: (_id, path) => field(path),
};

function field(path: DocPath): Where {
  return path.length > 0 ? { column: path.map(String).join(".") } : {};
}

/** Creates or replaces a goal (with its projects and milestones). */
export async function saveGoal(
  stores: Stores,
  goal: Goal,
  by: string,
  now = new Date(),
  channel: AuditChannel = "api",
): Promise<EditResult<Goal>> {
  const [stored, rounds] = await Promise.all([stores.register.load(), stores.rounds.list()]);
  const issues = checkRegister({ themes: [], people: [], goals: [goal] }, stored, fieldLocator);
  if (issues.some((i) => i.severity === "error")) return { ok: false, issues };
  const previous = stored.goals.find((g) => g.id === goal.id);
  const frozen = frozenRoundOfGoalEdit(previous, goal, rounds);
  if (frozen) {
    const params = { goal: goal.id, round: frozen.id };
    return { ok: false, issues: [{ severity: "error", code: "goalInFrozenRound", params }] };
  }
  await stores.register.saveGoal(goal);
  await stores.audit.append({
    at: now.toISOString(),
    by,
    action: previous ? "goal.update" : "goal.create",
    target: `goal:${goal.id}`,
    channel,
    changes: changes(previous, goal),
  });
  return { ok: true, value: goal, created: !previous };
}

export interface PersonChanges {
  upn?: string;
  displayName?: string;
  email?: string | null;
  language?: Language | null;
  roles?: OrgRole[];
  managerId?: string | null;
}

/** Adds a person; their id is given or made from the UPN ("p-aino-aaltonen"). */
export async function createPerson(
  stores: Stores,
  input: PersonChanges & { id?: string; upn: string; displayName: string },
  by: string,
  now = new Date(),
  how: EditContext = {},
): Promise<EditResult<Person>> {
  const people = await stores.register.people();
  const id = input.id ?? newPersonId(input.upn, new Set(people.map((p) => p.id)));
  if (people.some((p) => p.id === id)) {
    return {
      ok: false,
      issues: [{ severity: "error", code: "duplicatePerson", column: "id", params: { id } }],
    };
  }
  const person = applyChanges({ id, upn: input.upn, displayName: input.displayName }, input);
  return save(stores, await inDirectory(how.directory, person, people), undefined, by, now, how.channel);
}

/** Changes a person's name, addresses, language, roles or manager; undefined when there is no such person. */
export async function updatePerson(
  stores: Stores,
  id: string,
  edits: PersonChanges,
  by: string,
  now = new Date(),
  how: EditContext = {},
): Promise<EditResult<Person> | undefined> {
  const previous = await stores.register.person(id);
  if (!previous) return undefined;
  let person = applyChanges({ ...previous }, edits);
  // A new address may be someone else in Entra ID: resolve it again rather than keep the old object id.
  if (edits.upn !== undefined && edits.upn.toLowerCase() !== previous.upn.toLowerCase()) {
    delete person.aadObjectId;
    person = await inDirectory(how.directory, person, await stores.register.people());
  }
  return save(stores, person, previous, by, now, how.channel);
}

/** How a person is edited: through which channel (for the audit), and with Entra ID to ask. */
export interface EditContext {
  channel?: AuditChannel;
  directory?: DirectoryLookup;
}

/** The person with what Entra ID knows (object id, language, manager); as given when it cannot be asked. */
async function inDirectory(
  directory: DirectoryLookup = NO_DIRECTORY,
  person: Person,
  everyone: readonly Person[],
): Promise<Person> {
  if (!directory.enabled || person.aadObjectId) return person;
  try {
    return (await resolvePeople(directory, [person], everyone)).people[0] ?? person;
  } catch (error) {
    if (error instanceof DirectoryError) return person; // resolved again before their first message
    throw error;
  }
}

function applyChanges(person: Person, changes: PersonChanges): Person {
  if (changes.upn !== undefined) person.upn = changes.upn;
  if (changes.displayName !== undefined) person.displayName = changes.displayName;
  if (changes.email === null) delete person.email;
  else if (changes.email !== undefined) person.email = changes.email;
  if (changes.language === null) delete person.language;
  else if (changes.language !== undefined) person.language = changes.language;
  if (changes.roles !== undefined) {
    if (changes.roles.length === 0) delete person.roles;
    else person.roles = [...new Set(changes.roles)];
  }
  if (changes.managerId === null) delete person.managerId;
  else if (changes.managerId !== undefined) person.managerId = changes.managerId;
  return person;
}

async function save(
  stores: Stores,
  person: Person,
  previous: Person | undefined,
  by: string,
  now: Date,
  channel: AuditChannel = "api",
): Promise<EditResult<Person>> {
  const stored = await stores.register.load();
  const issues = checkRegister({ themes: [], people: [person], goals: [] }, stored, fieldLocator);
  if (issues.some((i) => i.severity === "error")) return { ok: false, issues };
  await stores.register.savePerson(person);
  await stores.audit.append({
    at: now.toISOString(),
    by,
    action: previous ? "person.update" : "person.create",
    target: `person:${person.id}`,
    channel,
    changes: changes(previous, person),
  });
  return { ok: true, value: person, created: !previous };
}
