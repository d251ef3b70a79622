import type { Round, RoundState } from "./model.js";
import { fail, ok, type Result } from "./result.js";

export type RoundAction = "open" | "close" | "reopen" | "freeze" | "extend";

/** Which action leads from which state to which. Frozen is final; everything else is refused. */
const TRANSITIONS: Record<Exclude<RoundAction, "extend">, { from: RoundState[]; to: RoundState }> = {
  open: { from: ["draft"], to: "open" },
  close: { from: ["open"], to: "closed" },
  reopen: { from: ["closed"], to: "open" },
  freeze: { from: ["closed"], to: "frozen" },
};

export interface TransitionInput {
  action: RoundAction;
  now: Date;
  /** New due date for "extend" (ISO). */
  dueAt?: string;
}

/** Applies a lifecycle action to a round, or says why it is not allowed. Pure. */
export function transition(round: Round, input: TransitionInput): Result<Round> {
  const now = input.now.toISOString();
  if (input.action === "extend") {
    if (round.state !== "open" && round.state !== "draft") {
      return fail({
        field: "state",
        code: "illegalTransition",
        params: { action: "extend", state: round.state },
      });
    }
    const due = parseDate(input.dueAt);
    if (!due) return fail({ field: "dueAt", code: "invalidDate" });
    if (due.getTime() <= input.now.getTime()) return fail({ field: "dueAt", code: "outOfRange" });
    return ok({ ...round, dueAt: due.toISOString() });
  }
  const rule = TRANSITIONS[input.action];
  if (!rule.from.includes(round.state)) {
    return fail({
      field: "state",
      code: "illegalTransition",
      params: { action: input.action, state: round.state },
    });
  }
  if (input.action === "open" && round.goalIds.length === 0) {
    return fail({ field: "goalIds", code: "required" });
  }
  const next: Round = { ...round, state: rule.to };
  if (input.action === "open" || input.action === "reopen") {
    next.opensAt = round.opensAt ?? now;
    delete next.closesAt;
  }
  if (input.action === "close") next.closesAt = now;
  return ok(next);
}

/** May reports of this round still be written? Only while it is open. */
export function acceptsReports(round: Pick<Round, "state">): boolean {
  return round.state === "open";
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

/** The instants at which a round's reminders fall due, earliest first. */
export function reminderTimes(round: Pick<Round, "dueAt" | "reminderDays">): { days: number; at: Date }[] {
  const due = new Date(round.dueAt);
  return [...new Set(round.reminderDays)]
    .filter((d) => Number.isInteger(d) && d >= 0)
    .sort((a, b) => b - a)
    .map((days) => ({ days, at: new Date(due.getTime() - days * 86_400_000) }));
}

function parseDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
