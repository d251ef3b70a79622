// What may be written in a round in each of its states: the one guard every write path asks (the
// API, the bot's card actions, imports, the CLI through the API, the scheduler through the round
// service). Frozen is final: nothing changes a frozen round — its row, its reports, nor the goal
// content its reports were given on. A closed round changes only by an admin's audited reopen.
import type { Goal, Milestone, Project, Round, RoundState } from "./model.js";
import { canonical, canonicalJson } from "./changes.js";
import type { FieldError } from "./result.js";
import { isAllowed, type RoundCommand } from "./round-actions.js";

/**
 * A write that touches a round: an admin's command (round-actions.ts), a person's report save, a
 * history import replacing the round or its reports, or an edit of a goal the round covers.
 */
export type RoundWrite = RoundCommand | "report" | "import" | "goalContent";

/** May `write` be done to a round in `state`? (`undefined`: the round does not exist yet.) */
export function mayWrite(write: RoundWrite, state: RoundState | undefined): boolean {
  switch (write) {
    case "report":
      return state === "open";
    // History comes in as new rounds only: a stored round is either live (its answers are the
    // people's, never a file's) or closed/frozen (its answers are final).
    case "import":
      return state === undefined;
    case "goalContent":
      return state !== "frozen";
    default:
      return state !== undefined && isAllowed(write, state);
  }
}

/**
 * Why the write is refused (rendered by describeError as one sentence naming what and why), or
 * undefined when it may be done.
 */
export function writeRefusal(write: RoundWrite, round: Pick<Round, "id" | "state">): FieldError | undefined {
  return mayWrite(write, round.state) ? undefined : refusedWrite(write, round);
}

/** The refusal of a write a caller already knows is not allowed (e.g. a save that found the round closed). */
export function refusedWrite(write: RoundWrite, round: Pick<Round, "id" | "state">): FieldError {
  return {
    field: "state",
    code: "illegalTransition",
    params: { action: write, state: round.state, round: round.id },
  };
}

/**
 * The part of a goal that a round's reports were given on: its wording, theme, year, subjects and
 * their milestones. Who owns or prepares it, its order and whether it is active may still change
 * (they say who reports next, not what was reported); everything else of a goal in a frozen round
 * may not.
 */
export function reportedContent(goal: Goal): unknown {
  const {
    ownerIds: _o,
    preparerIds: _p,
    order: _order,
    active: _active,
    projects,
    milestones,
    ...rest
  } = goal;
  return canonical({
    ...rest,
    milestones: sortedMilestones(milestones),
    projects: [...projects]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((p: Project) => {
        const { ownerIds: _po, preparerIds: _pp, order: _porder, milestones: pm, ...prest } = p;
        return { ...prest, milestones: sortedMilestones(pm) };
      }),
  });
}

/**
 * The frozen round an edit of a goal would change (before → after; before undefined for a new goal),
 * or undefined when the edit leaves every frozen round as it was.
 */
export function frozenRoundOfGoalEdit(
  before: Goal | undefined,
  after: Goal,
  rounds: readonly Pick<Round, "id" | "state" | "goalIds">[],
): Pick<Round, "id" | "state" | "goalIds"> | undefined {
  const frozen = rounds.find((r) => !mayWrite("goalContent", r.state) && r.goalIds.includes(after.id));
  if (!frozen) return undefined;
  if (before && canonicalJson(reportedContent(before)) === canonicalJson(reportedContent(after)))
    return undefined;
  return frozen;
}

/** Are two stored documents the same, whatever their key order and their version (ETag)? */
export function sameDocument(a: object, b: object): boolean {
  const { version: _va, ...restA } = a as Record<string, unknown>;
  const { version: _vb, ...restB } = b as Record<string, unknown>;
  return canonicalJson(restA) === canonicalJson(restB);
}

function sortedMilestones(list: readonly Milestone[]): Milestone[] {
  return [...list].sort((a, b) => a.id.localeCompare(b.id));
}
