// What may be done with a round in each of its states. The server refuses anything else, and the
// tab shows a button only for what this allows, so the two cannot disagree.
import type { RoundState } from "./model.js";
import type { FieldError } from "./result.js";

/** The actions that move a round from one state to another. */
export type LifecycleAction = "open" | "close" | "reopen" | "freeze";

/** What the lifecycle applies to a round (see transition in rounds.ts): a move, or a new due date. */
export type RoundAction = LifecycleAction | "extend";

/** Everything an admin does with a round: its lifecycle, reminders, resends and substitutes. */
export type RoundCommand = RoundAction | "remind" | "resend" | "substitute";

/** Where each lifecycle action leads. Frozen is final. */
export const LIFECYCLE_TARGET: Record<LifecycleAction, RoundState> = {
  open: "open",
  close: "closed",
  reopen: "open",
  freeze: "frozen",
};

/** The states each command is allowed from, in the order the admin view shows the commands. */
const ALLOWED_FROM: Record<RoundCommand, readonly RoundState[]> = {
  open: ["draft"],
  close: ["open"],
  reopen: ["closed"],
  freeze: ["closed"],
  remind: ["open"],
  extend: ["draft", "open"],
  resend: ["open"],
  substitute: ["draft", "open"],
};

export const ROUND_COMMANDS = Object.keys(ALLOWED_FROM) as RoundCommand[];

export function isLifecycleAction(command: RoundCommand): command is LifecycleAction {
  return command in LIFECYCLE_TARGET;
}

/** May `command` be done while the round is in `state`? */
export function isAllowed(command: RoundCommand, state: RoundState): boolean {
  return ALLOWED_FROM[command].includes(state);
}

/** The commands allowed in `state`, in display order. */
export function allowedActions(state: RoundState): RoundCommand[] {
  return ROUND_COMMANDS.filter((c) => isAllowed(c, state));
}

/** Why a command is refused in this state, as the API reports it (409, in the person's language). */
export function refusal(command: RoundCommand, state: RoundState): FieldError {
  return { field: "state", code: "illegalTransition", params: { action: command, state } };
}
