// The port between the round machinery and Teams: send (or update) one person's check-in, reminder
// or escalation, and say what happened. Implemented in teams/ with botbuilder; no retry loop there,
// the dispatcher owns retries, pacing and the delivery record.
import type { MessageKind } from "@goal-forecast/core/domain/delivery";
import type { Round } from "@goal-forecast/core/domain/model";

export interface SendRequest {
  roundId: string;
  personId: string;
  kind: MessageKind;
  /** The round as the dispatcher just read it (open), so the sender need not read it again. */
  round?: Round;
  /** When set, update this earlier message (the person's check-in) instead of posting a new one. */
  updateActivityId?: string;
  /** Conversation of the earlier message, with updateActivityId. */
  conversationId?: string;
  /** For reminders: how many days are left (0 = due today). */
  daysLeft?: number;
  /** For escalations: the reports still missing that this person (a manager or an admin) is told about. */
  missing?: MissingReportItem[];
}

/** One missing report in an escalation (dispatch/recipients.ts computes them). */
export interface MissingReportItem {
  subjectId: string;
  title: string;
  goalTitle: string;
  status: "missing" | "draft";
  ownerIds: string[];
}

export type UnreachableReason =
  | "blockedByUser" // 403 ConversationBlockedByUser
  | "notInstalled" // 403 BotNotInConversationRoster, or no conversation and creating one was refused
  | "disabledByAdmin" // 403 BotDisabledByAdmin
  | "conversationNotFound" // 404 ConversationNotFound even after recreating the 1:1 chat
  | "unknownPerson"; // not in the register, or never met and no AAD object id to reach them by

export type SendOutcome = (
  | { kind: "sent"; activityId: string; conversationId: string; updated: boolean }
  | { kind: "throttled"; retryAfterMs?: number }
  | { kind: "unreachable"; reason: UnreachableReason; detail?: string }
  | { kind: "transient"; status?: number; detail: string }
  /** 401: the bot's credentials are wrong; stop sending and alert the admin. */
  | { kind: "unauthorized"; detail: string }
) & {
  /**
   * HTTP requests to Teams this send made, when more than one (creating the 1:1 chat first, or
   * recreating it after a 404): the dispatcher's pacing counts each against the 50/s limit.
   */
  requests?: number;
};

export interface MessageSender {
  send(request: SendRequest): Promise<SendOutcome>;
}
