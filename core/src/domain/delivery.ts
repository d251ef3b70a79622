// The vocabulary of reaching people: which message a person gets, where its delivery stands, and whom
// a dispatch job addresses. The dispatcher, progress, the API and the tab all speak it.

/** The messages a round sends: the check-in, a reminder before the due date, an escalation after it. */
export const MESSAGE_KINDS = ["checkin", "reminder", "escalation"] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/**
 * Where one delivery stands. Besides sending: "installing" (the app is being installed for a person the
 * bot has not met, through Microsoft Graph; retried like queued), "notInDirectory" (Entra ID has nobody
 * by the person's UPN or e-mail, or their account is disabled) and "consentMissing" (Graph refused: the
 * admin has not granted a permission, or a policy blocks the app; the detail names the permission).
 */
export const DELIVERY_STATES = [
  "queued",
  "installing",
  "sending",
  "sent",
  "failed",
  "unreachable",
  "notInDirectory",
  "consentMissing",
  "inDoubt",
] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** States a delivery does not leave by itself: only an admin's resend puts it back to queued. */
export const FINAL_STATES: ReadonlySet<DeliveryState> = new Set([
  "sent",
  "failed",
  "unreachable",
  "notInDirectory",
  "consentMissing",
  "inDoubt",
]);

/** Deliveries an admin may send again (after granting consent, or fixing a UPN in the register). */
export const RESENDABLE = [
  "failed",
  "unreachable",
  "notInDirectory",
  "consentMissing",
  "inDoubt",
] as const satisfies readonly DeliveryState[];

/**
 * Whether a round's recipient can be reached before it opens: reachable (the bot has their 1:1 chat),
 * willInstall (in Entra ID: the app is installed for them before their message), notInDirectory,
 * consentMissing (Graph refused; the admin must grant a permission), unreachable (uninstalled or
 * blocked the bot, or no Graph to install it with).
 */
export const REACH_STATES = [
  "reachable",
  "willInstall",
  "notInDirectory",
  "consentMissing",
  "unreachable",
] as const;
export type ReachState = (typeof REACH_STATES)[number];

/**
 * Whom a dispatch job queues: everyone in the round, owners without a submitted report, the managers
 * (or admins) of missing reports, or the deliveries in given states.
 */
export type JobMode = "recipients" | "unsubmitted" | "escalation" | "states";
