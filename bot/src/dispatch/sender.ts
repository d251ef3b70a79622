// The port between the dispatch pipeline and Teams. The pipeline prepares everything (the activity
// with its card, the recipient's address, which earlier message to update); the implementation in
// teams/ only delivers it with botbuilder and says what Teams answered, as a typed outcome. It reads
// no storage and has no retry loop: the dispatcher owns retries, pacing and the delivery record, and
// the outbox (outbox.ts) records what a send taught about reaching the person.
import type { MessageKind } from "@goal-forecast/core/domain/delivery";
import type { CardActivity } from "../cards/adaptive.js";
import type { ConversationRecord } from "../storage/conversations.js";

/** Where the person is reached: their stored 1:1 chat, else what creating one takes. */
export interface Address {
  personId: string;
  displayName: string;
  /** The 1:1 conversation the bot has with them, when it has met them. */
  conversation?: ConversationRecord;
  /** To create the 1:1 chat (never met, or the stored one is gone): their Entra id, tenant and its service URL. */
  aadObjectId?: string;
  tenantId?: string;
  serviceUrl: string;
}

/** One prepared message: post it (or update an earlier one) and say what happened. */
export interface OutgoingMessage {
  roundId: string;
  kind: MessageKind;
  to: Address;
  activity: CardActivity;
  /** Update this earlier message in `to.conversation` (the person's check-in) instead of posting. */
  updateActivityId?: string;
}

export type UnreachableReason =
  | "blockedByUser" // 403 ConversationBlockedByUser
  | "notInstalled" // 403 BotNotInConversationRoster, or no conversation and creating one was refused
  | "disabledByAdmin" // 403 BotDisabledByAdmin
  | "conversationNotFound" // 404 ConversationNotFound even after recreating the 1:1 chat
  | "unknownPerson"; // not in the register, or never met and no AAD object id to reach them by

/** A 1:1 chat the send created: the outbox stores it as the person's conversation. */
export interface CreatedConversation {
  conversationId: string;
  botId: string;
  tenantId: string;
  serviceUrl: string;
}

export type SendOutcome = (
  | { kind: "sent"; activityId: string; conversationId: string; updated: boolean }
  | { kind: "throttled"; retryAfterMs?: number }
  | { kind: "unreachable"; reason: UnreachableReason; detail?: string }
  | { kind: "transient"; status?: number; detail: string }
  /** 401: the bot's credentials are wrong; stop sending and alert the admin. */
  | { kind: "unauthorized"; detail: string }
  /** Not reached before any send: not in Entra ID, or Graph refused to install the app (consent). */
  | { kind: "notReached"; state: "notInDirectory" | "consentMissing"; reason: string; detail?: string }
  /** The app is being installed for the person (Graph throttled, or the chat is not ready): retry later. */
  | { kind: "installing"; retryAfterMs?: number; detail: string }
) & {
  /**
   * HTTP requests to Teams this send made, when more than one (creating the 1:1 chat first, or
   * recreating it after a 404): the dispatcher's pacing counts each against the 50/s limit.
   */
  requests?: number;
  /** Set when the send created a 1:1 chat, whether or not the message then went through. */
  created?: CreatedConversation;
};

export interface MessageSender {
  send(message: OutgoingMessage): Promise<SendOutcome>;
}
