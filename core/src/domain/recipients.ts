// Who gets which message of a round, from the register and the reports: the check-in, reminders,
// and who is escalated to after the due date (and about what). The dispatch jobs choose recipients
// with these, and the escalation card lists what escalationTargets gives its reader.
import type { Goal, Person, Report, Round } from "./model.js";
import { responseStatus } from "./status.js";
import { assignmentsOf, subjectsOfRound } from "./subjects.js";

/** Everyone who answers for something in the round (owners, preparers, substitutes): the check-in's recipients. */
export function checkinRecipients(
  round: Pick<Round, "goalIds" | "substitutes">,
  goals: readonly Goal[],
): string[] {
  return [...new Set(assignmentsOf(round, goals).map((a) => a.personId))];
}

/** Those who may submit (owners and the round's substitutes) a subject that is not submitted yet. */
export function unsubmittedRecipients(
  round: Pick<Round, "goalIds" | "substitutes">,
  goals: readonly Goal[],
  reports: readonly Pick<Report, "subjectId" | "state">[],
): string[] {
  const submitted = new Set(reports.filter((r) => r.state === "submitted").map((r) => r.subjectId));
  const out = new Set<string>();
  for (const subject of subjectsOfRound(round, goals)) {
    if (submitted.has(subject.id)) continue;
    for (const id of subject.ownerIds) out.add(id);
    const substitute = round.substitutes[subject.id];
    if (substitute) out.add(substitute);
  }
  return [...out];
}

/** One report still missing after the due date, as an escalation lists it. */
export interface MissingReport {
  subjectId: string;
  title: string;
  goalTitle: string;
  status: "missing" | "draft";
  ownerIds: string[];
}

/**
 * Who is escalated to, about what: after the due date each manager gets the missing reports of the
 * owners they manage; a report whose owners have no manager in the register (or that has no owner)
 * goes to the admins. One person, one list: the escalation card shows exactly this list.
 */
export function escalationTargets(
  round: Pick<Round, "goalIds" | "substitutes">,
  goals: readonly Goal[],
  reports: readonly Pick<Report, "subjectId" | "state">[],
  people: readonly Pick<Person, "id" | "managerId">[],
  adminIds: readonly string[],
): Map<string, MissingReport[]> {
  const byId = new Map(people.map((p) => [p.id, p]));
  const bySubject = new Map(reports.map((r) => [r.subjectId, r]));
  const targets = new Map<string, MissingReport[]>();
  const add = (personId: string, item: MissingReport): void => {
    const list = targets.get(personId) ?? [];
    if (!list.some((i) => i.subjectId === item.subjectId)) list.push(item);
    targets.set(personId, list);
  };
  for (const subject of subjectsOfRound(round, goals)) {
    const status = responseStatus(bySubject.get(subject.id));
    if (status === "submitted") continue;
    const item: MissingReport = {
      subjectId: subject.id,
      title: subject.title,
      goalTitle: subject.goalTitle,
      status,
      ownerIds: [...subject.ownerIds],
    };
    const managers = subject.ownerIds
      .map((id) => byId.get(id)?.managerId)
      .filter((m): m is string => !!m && byId.has(m));
    const to = managers.length > 0 ? managers : adminIds;
    for (const m of new Set(to)) add(m, item);
  }
  return targets;
}
