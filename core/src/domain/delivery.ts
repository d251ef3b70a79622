// The vocabulary of reaching people: which message a person gets, where its delivery stands, and whom
// a dispatch job addresses. The dispatcher, progress, the API and the tab all speak it.

/** The messages a round sends: the check-in, a reminder before the due date, an escalation after it. */
export const MESSAGE_KINDS = ["checkin", "reminder", "escalation"] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const DELIVERY_STATES = ["queued", "sending", "sent", "failed", "unreachable", "inDoubt"] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** States a delivery does not leave by itself: only an admin's resend puts it back to queued. */
export const FINAL_STATES: ReadonlySet<DeliveryState> = new Set(["sent", "failed", "unreachable", "inDoubt"]);

/** Deliveries an admin may send again. */
export const RESENDABLE = ["failed", "unreachable", "inDoubt"] as const satisfies readonly DeliveryState[];

/**
 * Whom a dispatch job queues: everyone in the round, owners without a submitted report, the managers
 * (or admins) of missing reports, or the deliveries in given states.
 */
export type JobMode = "recipients" | "unsubmitted" | "escalation" | "states";
