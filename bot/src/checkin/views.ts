// The check-in as the person sees it, built from what is stored now: the list of their items in a
// round, and one item's form or summary. No Teams here: teams/ sends these cards, the tests read them.
import type { Goal, Language, Person, Report, Round, Subject } from "@goal-forecast/core/domain/model";
import type { FieldError } from "@goal-forecast/core/domain/result";
import { acceptsReports } from "@goal-forecast/core/domain/rounds";
import { responseStatus } from "@goal-forecast/core/domain/status";
import { validateReport } from "@goal-forecast/core/domain/validation";
import {
  assignmentsOf,
  canSubmit,
  subjectsOfRound,
  type Assignment,
  type AssignmentRole,
} from "@goal-forecast/core/domain/subjects";
import { prefillReport } from "../reporting/prefill.js";
import type { Stores } from "../storage/index.js";
import type { AdaptiveCard } from "../cards/adaptive.js";
import { checkinCard, type CheckinItem } from "../cards/checkin.js";
import type { Banner, NameOf } from "../cards/parts.js";
import { reportFormCard, valuesFromReport, type FormModel, type FormValues } from "../cards/report-form.js";
import { reportSummaryCard } from "../cards/report-summary.js";

export type CheckinStores = Pick<Stores, "register" | "rounds" | "reports">;

/** Who the viewer is: the register person, their language and Teams user id (for refresh). */
export interface Viewer {
  person: Person;
  lang: Language;
  /** Teams user id ("29:…") of the viewer, so their cards refresh for them. */
  teamsUserId?: string;
}

/**
 * Display names for the people a card mentions; unknown ids show as they are. People already read for
 * this request (the viewer) are not read again.
 */
export async function namesFor(
  stores: CheckinStores,
  ids: Iterable<string>,
  known: readonly Person[] = [],
): Promise<NameOf> {
  const names = new Map(known.map((p) => [p.id, p.displayName]));
  const unique = [...new Set(ids)].filter((id) => id && !names.has(id));
  const people = await Promise.all(unique.map((id) => stores.register.person(id)));
  for (const p of people) if (p) names.set(p.id, p.displayName);
  return (id: string) => names.get(id) ?? id;
}

interface RoundIndex {
  subjects: Map<string, Subject>;
  byPerson: Map<string, Assignment[]>;
}

// Who reports what, per goals snapshot and round: while a round's check-ins go out the sender reuses
// one goals array (storage/register-cache.ts), so each card looks its person up instead of walking
// all 10,000 goals again. Keyed weakly by that array: a fresh read gets a fresh index.
const indexes = new WeakMap<readonly Goal[], Map<string, RoundIndex>>();

function roundIndex(round: Round, goals: readonly Goal[]): RoundIndex {
  const key = JSON.stringify([round.id, round.version ?? null, round.goalIds.length, round.substitutes]);
  let perRound = indexes.get(goals);
  const hit = perRound?.get(key);
  if (hit) return hit;
  const byPerson = new Map<string, Assignment[]>();
  for (const a of assignmentsOf(round, goals))
    byPerson.set(a.personId, [...(byPerson.get(a.personId) ?? []), a]);
  const index = { subjects: new Map(subjectsOfRound(round, goals).map((s) => [s.id, s])), byPerson };
  if (!perRound) indexes.set(goals, (perRound = new Map()));
  perRound.set(key, index);
  return index;
}

/** The person's items in a round: each subject they own, prepare or substitute for, with its status. */
export async function itemsFor(
  stores: CheckinStores,
  round: Round,
  personId: string,
): Promise<CheckinItem[]> {
  const { subjects, byPerson } = roundIndex(round, await stores.register.goals(round.year));
  const mine = byPerson.get(personId) ?? [];
  if (mine.length === 0) return [];
  // Only this person's reports: a round of 10,000 goals must not read them all for each card.
  const subjectIds = [...new Set(mine.map((a) => a.subjectId))];
  const found = await Promise.all(subjectIds.map((id) => stores.reports.get(round.id, id)));
  const reports = new Map(found.filter((r) => r !== undefined).map((r) => [r.subjectId, r]));
  return mine.flatMap((a) => {
    const subject = subjects.get(a.subjectId);
    if (!subject) return [];
    const report = reports.get(subject.id);
    const item: CheckinItem = { subject, role: a.role, status: responseStatus(report) };
    if (report) item.report = report;
    return [item];
  });
}

export async function listCard(
  stores: CheckinStores,
  round: Round,
  viewer: Viewer,
  options: { kind?: "checkin" | "reminder"; daysLeft?: number } = {},
): Promise<AdaptiveCard> {
  const items = await itemsFor(stores, round, viewer.person.id);
  const nameOf = await namesFor(
    stores,
    items.flatMap((i) => (i.report ? [i.report.updatedBy] : [])),
    [viewer.person],
  );
  return checkinCard({
    lang: viewer.lang,
    round,
    person: viewer.person,
    items,
    kind: options.kind ?? "checkin",
    ...(options.daysLeft !== undefined ? { daysLeft: options.daysLeft } : {}),
    nameOf,
    ...(viewer.teamsUserId ? { viewerId: viewer.teamsUserId } : {}),
  });
}

export interface SubjectContext {
  round: Round;
  subject: Subject;
  role: AssignmentRole;
}

/** The read-only summary of a stored report. */
export async function summaryCard(
  stores: CheckinStores,
  ctx: SubjectContext,
  report: Report,
  viewer: Viewer,
  banner?: Banner,
): Promise<AdaptiveCard> {
  const history = await stores.reports.events(ctx.round.id, ctx.subject.id, report);
  const nameOf = await namesFor(
    stores,
    [report.updatedBy, ...(report.submittedBy ? [report.submittedBy] : []), ...history.map((e) => e.by)],
    [viewer.person],
  );
  const open = acceptsReports(ctx.round);
  return reportSummaryCard({
    lang: viewer.lang,
    round: ctx.round,
    subject: ctx.subject,
    report,
    canEdit: open && report.state === "submitted" && canSubmit(ctx.role),
    canContinue: open && report.state !== "submitted",
    history,
    nameOf,
    ...(banner ? { banner } : {}),
    ...(viewer.teamsUserId ? { viewerId: viewer.teamsUserId } : {}),
  });
}

export interface FormOptions {
  /** The stored report as the caller just read it (null: there is none); read here when not given. */
  stored?: Report | null;
  /** Values typed by the person (kept on errors and conflicts); otherwise the stored or copied report. */
  typed?: FormValues;
  /** The version the save expects; defaults to the stored report's. */
  version?: string;
  editing?: boolean;
  errors?: FieldError[];
  banner?: Banner;
}

/** The form of one subject, filled with the typed values, the stored draft, or the previous round's answer. */
export async function formCard(
  stores: CheckinStores,
  ctx: SubjectContext,
  viewer: Viewer,
  options: FormOptions = {},
): Promise<AdaptiveCard> {
  const prefill = await prefillReport(stores, ctx.round, ctx.subject.id, options.stored);
  const stored = prefill.source === "current" ? prefill.report : undefined;
  const history = await stores.reports.events(
    ctx.round.id,
    ctx.subject.id,
    stored ?? (options.stored === null ? null : undefined),
  );
  const nameOf = await namesFor(
    stores,
    [
      ...(stored ? [stored.updatedBy, ...(stored.submittedBy ? [stored.submittedBy] : [])] : []),
      ...history.map((e) => e.by),
      ...(prefill.copiedBy ? [prefill.copiedBy] : []),
    ],
    [viewer.person],
  );
  const copiedFrom = prefill.copiedFrom;
  const by = prefill.copiedBy;
  const copiedBy: FormModel["copiedBy"] = by
    ? by === viewer.person.id
      ? { self: true }
      : { self: false, name: nameOf(by) }
    : undefined;
  const version = "version" in options ? options.version : stored?.version;
  // A copy is checked as its submission will be, so that what it lacks is marked before Send.
  const check =
    copiedFrom && !options.typed ? validateReport(prefill.report ?? {}, ctx.subject, "submit") : undefined;
  return reportFormCard({
    lang: viewer.lang,
    round: ctx.round,
    subject: ctx.subject,
    role: ctx.role,
    values: options.typed ?? valuesFromReport(prefill.report),
    source: options.typed ? "typed" : prefill.source,
    ...(copiedFrom && !options.typed ? { copiedFrom, ...(copiedBy ? { copiedBy } : {}) } : {}),
    ...(stored ? { stored } : {}),
    ...(version ? { version } : {}),
    editing: options.editing ?? false,
    errors: options.errors ?? [],
    ...(check && !check.ok ? { incomplete: check.errors } : {}),
    ...(options.banner ? { banner: options.banner } : {}),
    history,
    nameOf,
    ...(viewer.teamsUserId ? { viewerId: viewer.teamsUserId } : {}),
  });
}
