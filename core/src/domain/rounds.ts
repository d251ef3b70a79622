// The round lifecycle: applying an admin's action to a round, and the round's identity and name.
// What is allowed in which state is decided in round-actions.ts; dates in deadline.ts.
import type { Round } from "./model.js";
import { fail, ok, type Result } from "./result.js";
import { isAllowed, LIFECYCLE_TARGET, refusal, type RoundAction } from "./round-actions.js";
import { mayWrite } from "./round-writes.js";

export type { RoundAction } from "./round-actions.js";

export interface TransitionInput {
  action: RoundAction;
  now: Date;
  /** New due date for "extend" (ISO). */
  dueAt?: string;
}

/** Applies a lifecycle action to a round, or says why it is not allowed. Pure. */
export function transition(round: Round, input: TransitionInput): Result<Round> {
  const now = input.now.toISOString();
  if (!isAllowed(input.action, round.state)) return fail(refusal(input.action, round.state));
  if (input.action === "extend") {
    const due = parseDate(input.dueAt);
    if (!due) return fail({ field: "dueAt", code: "invalidDate" });
    if (due.getTime() <= input.now.getTime()) return fail({ field: "dueAt", code: "outOfRange" });
    return ok({ ...round, dueAt: due.toISOString() });
  }
  if (input.action === "open" && round.goalIds.length === 0) {
    return fail({ field: "goalIds", code: "required" });
  }
  const next: Round = { ...round, state: LIFECYCLE_TARGET[input.action] };
  if (input.action === "open" || input.action === "reopen") {
    next.opensAt = round.opensAt ?? now;
    delete next.closesAt;
  }
  if (input.action === "close") next.closesAt = now;
  return ok(next);
}

/** May reports of this round still be written? Only while it is open (round-writes.ts). */
export function acceptsReports(round: Pick<Round, "state">): boolean {
  return mayWrite("report", round.state);
}

/** The round's id from its year and number ("2020-2" for Ennuste 2/2020). */
export function roundId(year: number, number: number): string {
  return `${year}-${number}`;
}

/** The default display name of a round in each language. */
export function defaultRoundName(year: number, number: number): Round["name"] {
  return {
    fi: `Ennuste ${number}/${year}`,
    sv: `Prognos ${number}/${year}`,
    en: `Forecast ${number}/${year}`,
  };
}

function parseDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
