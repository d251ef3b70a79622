import type { Goal, Person, Register, Round, Subject } from "./model.js";

/**
 * The subjects of a goal: the goal itself when it has no projects, else each project.
 * The seeds report Liikkumisohjelma per project and never the goal as a whole.
 */
export function subjectsOfGoal(goal: Goal): Subject[] {
  if (goal.projects.length === 0) {
    return [
      {
        id: goal.id,
        goalId: goal.id,
        title: goal.title,
        goalTitle: goal.title,
        themeId: goal.themeId,
        ownerIds: goal.ownerIds,
        preparerIds: goal.preparerIds,
        milestones: [...goal.milestones].sort((a, b) => a.order - b.order),
      },
    ];
  }
  return [...goal.projects]
    .sort((a, b) => a.order - b.order)
    .map((project) => ({
      id: project.id,
      goalId: goal.id,
      projectId: project.id,
      title: project.title,
      goalTitle: goal.title,
      themeId: goal.themeId,
      ownerIds: project.ownerIds.length > 0 ? project.ownerIds : goal.ownerIds,
      preparerIds: project.preparerIds,
      milestones: [...project.milestones].sort((a, b) => a.order - b.order),
    }));
}

/** Every subject of the goals a round includes, in goal order. */
export function subjectsOfRound(round: Pick<Round, "goalIds">, goals: readonly Goal[]): Subject[] {
  const included = new Set(round.goalIds);
  return goals
    .filter((g) => included.has(g.id))
    .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id))
    .flatMap(subjectsOfGoal);
}

export type AssignmentRole = "owner" | "preparer" | "substitute";

export interface Assignment {
  personId: string;
  subjectId: string;
  role: AssignmentRole;
}

/**
 * Who must report what in a round: owners submit, preparers draft, and a substitute the admin named
 * for this round may submit in the owner's place. A person appears once per subject, with the
 * strongest role they hold for it.
 */
export function assignmentsOf(
  round: Pick<Round, "goalIds" | "substitutes">,
  goals: readonly Goal[],
): Assignment[] {
  const result = new Map<string, Assignment>();
  const rank: Record<AssignmentRole, number> = { owner: 3, substitute: 2, preparer: 1 };
  const add = (personId: string, subjectId: string, role: AssignmentRole): void => {
    const key = `${personId}\u0000${subjectId}`;
    const existing = result.get(key);
    if (!existing || rank[role] > rank[existing.role]) result.set(key, { personId, subjectId, role });
  };
  for (const subject of subjectsOfRound(round, goals)) {
    for (const id of subject.ownerIds) add(id, subject.id, "owner");
    for (const id of subject.preparerIds) add(id, subject.id, "preparer");
    const substitute = round.substitutes[subject.id];
    if (substitute) add(substitute, subject.id, "substitute");
  }
  return [...result.values()];
}

/** The assignments grouped per person: the recipients of a round's check-in. */
export function recipientsOf(assignments: readonly Assignment[]): Map<string, Assignment[]> {
  const byPerson = new Map<string, Assignment[]>();
  for (const a of assignments) {
    const list = byPerson.get(a.personId) ?? [];
    list.push(a);
    byPerson.set(a.personId, list);
  }
  return byPerson;
}

/** May this person submit (not only draft) the subject's report in this round? */
export function canSubmit(role: AssignmentRole | undefined): boolean {
  return role === "owner" || role === "substitute";
}

/** The role a person holds for a subject in a round, if any. */
export function roleFor(
  personId: string,
  subject: Subject,
  round: Pick<Round, "substitutes">,
): AssignmentRole | undefined {
  if (subject.ownerIds.includes(personId)) return "owner";
  if (round.substitutes[subject.id] === personId) return "substitute";
  if (subject.preparerIds.includes(personId)) return "preparer";
  return undefined;
}

/** Finds a subject (goal or project) of the register by id. */
export function findSubject(register: Pick<Register, "goals">, subjectId: string): Subject | undefined {
  for (const goal of register.goals) {
    for (const s of subjectsOfGoal(goal)) if (s.id === subjectId) return s;
  }
  return undefined;
}

export function peopleById(people: readonly Person[]): Map<string, Person> {
  return new Map(people.map((p) => [p.id, p]));
}
