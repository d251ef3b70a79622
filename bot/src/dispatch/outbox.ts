// One person's message, from a claimed delivery to Teams' answer: who they are and where Teams
// reaches them, the card they get (checkin/proactive.ts), the send through the MessageSender port
// (teams/ delivers it), and what the answer teaches about reaching them, written to the conversation
// store: a chat the send created, unreachable after a refusal, reachable again after a success.
import type { MessageKind, ReachState } from "@goal-forecast/core/domain/delivery";
import type { Person, Round } from "@goal-forecast/core/domain/model";
import { resolveLanguage } from "@goal-forecast/core/i18n";
import type { Logger } from "../logging.js";
import { cardActivity } from "../cards/adaptive.js";
import { proactiveCard } from "../checkin/proactive.js";
import type { ConversationRecord } from "../storage/conversations.js";
import type { Stores } from "../storage/index.js";
import type { EscalationLists } from "./escalations.js";
import type { Installs } from "./installs.js";
import type { Address, MessageSender, OutgoingMessage, SendOutcome } from "./sender.js";

/** What the dispatcher asks for: this person's message of this kind in this round. */
export interface SendRequest {
  /** The round as the dispatcher just read it (open). */
  round: Round;
  personId: string;
  kind: MessageKind;
  /** Reminders: how many days are left (0 = due today). */
  daysLeft?: number;
  /** The person's earlier message (their check-in) to update instead of posting a new one. */
  update?: { activityId: string; conversationId: string };
}

export interface OutboxDeps {
  stores: Pick<Stores, "register" | "rounds" | "reports" | "conversations">;
  sender: MessageSender;
  escalations: Pick<EscalationLists, "of">;
  /** Installs the app for people the bot has not met (Microsoft Graph); without it they stay unreachable. */
  installs?: Pick<Installs, "reach">;
  /** Where to create 1:1 chats when nothing stored says otherwise (configuration). */
  defaults: { tenantId?: string; serviceUrl: string };
  logger: Logger;
}

/** A tenant's service URL changes rarely (a region move): it is read at most once a minute. */
const SERVICE_URL_TTL_MS = 60_000;

export class Outbox {
  private readonly serviceUrls = new Map<string, { at: number; value: Promise<string | undefined> }>();

  constructor(private readonly deps: OutboxDeps) {}

  /** Prepares and sends the message. Throws only when storage fails before anything was sent. */
  async send(request: SendRequest): Promise<SendOutcome> {
    const { stores } = this.deps;
    const person = await stores.register.person(request.personId);
    if (!person) return { kind: "unreachable", reason: "unknownPerson", detail: "not in the register" };
    let to = await this.addressOf(person);
    const installing = this.deps.installs !== undefined && needsInstall(to);
    if (installing) {
      const reached = await this.deps.installs!.reach(person, to);
      if (reached.kind === "notReached") return reached.outcome;
      to = reached.address;
    }
    const viewer = {
      person,
      lang: resolveLanguage(person.language, to.conversation?.locale),
      ...(to.conversation ? { teamsUserId: to.conversation.userId } : {}),
    };
    const card = await proactiveCard(stores, request.round, viewer, {
      kind: request.kind,
      ...(request.daysLeft !== undefined ? { daysLeft: request.daysLeft } : {}),
      ...(request.kind === "escalation"
        ? { missing: await this.deps.escalations.of(request.round, person.id) }
        : {}),
    });
    const message: OutgoingMessage = {
      roundId: request.round.id,
      kind: request.kind,
      to,
      activity: cardActivity(card),
    };
    // The earlier message can be updated only in the chat it was posted in.
    if (request.update && request.update.conversationId === to.conversation?.conversationId)
      message.updateActivityId = request.update.activityId;
    const sent = await this.deps.sender.send(message);
    // Right after an install Teams may not list the bot in the chat yet: wait, do not give up.
    const outcome: SendOutcome =
      installing && sent.kind === "unreachable" && sent.reason === "notInstalled"
        ? { kind: "installing", retryAfterMs: 5000, detail: sent.detail ?? "the app was just installed" }
        : sent;
    await this.remember(person, to, outcome).catch((error: unknown) =>
      // The message went out (or not) all the same; the next send or the person's next message corrects it.
      this.deps.logger.warn(
        { err: error, personId: person.id },
        "could not record how the person is reached",
      ),
    );
    return outcome;
  }

  /**
   * Ahead of a round: installs the app for a person the bot cannot reach yet, as their first message
   * would, and says where they stand. Throws only when storage fails.
   */
  async prepare(person: Person): Promise<{ reach: ReachState; detail?: string }> {
    const to = await this.addressOf(person);
    if (to.conversation?.reachable) return { reach: "reachable" };
    if (!this.deps.installs || !needsInstall(to)) return { reach: "unreachable" };
    const reached = await this.deps.installs.reach(person, to);
    if (reached.kind === "reached") return { reach: "reachable" };
    const outcome = reached.outcome;
    if (outcome.kind === "notReached")
      return { reach: outcome.state, ...(outcome.detail ? { detail: outcome.detail } : {}) };
    // Throttled or not ready yet: the round's own message will try again.
    return {
      reach: "willInstall",
      ...("detail" in outcome && outcome.detail ? { detail: outcome.detail } : {}),
    };
  }

  private async addressOf(person: Person): Promise<Address> {
    const conversation = await this.deps.stores.conversations.forPerson(person);
    const tenantId = conversation?.tenantId ?? this.deps.defaults.tenantId;
    const aadObjectId = conversation?.aadObjectId ?? person.aadObjectId?.toLowerCase();
    const serviceUrl =
      (tenantId ? await this.serviceUrlOf(tenantId) : undefined) ??
      conversation?.serviceUrl ??
      this.deps.defaults.serviceUrl;
    return {
      personId: person.id,
      displayName: person.displayName,
      serviceUrl,
      ...(conversation ? { conversation } : {}),
      ...(aadObjectId ? { aadObjectId } : {}),
      ...(tenantId ? { tenantId } : {}),
    };
  }

  private serviceUrlOf(tenantId: string): Promise<string | undefined> {
    const hit = this.serviceUrls.get(tenantId);
    if (hit && Date.now() - hit.at < SERVICE_URL_TTL_MS) return hit.value;
    const value = this.deps.stores.conversations.serviceUrlOf(tenantId);
    this.serviceUrls.set(tenantId, { at: Date.now(), value });
    value.catch(() => this.serviceUrls.delete(tenantId));
    return value;
  }

  private async remember(person: Person, to: Address, outcome: SendOutcome): Promise<void> {
    const { conversations } = this.deps.stores;
    const now = new Date().toISOString();
    const stored = to.conversation;
    if (outcome.created && to.aadObjectId) {
      const { conversationId, botId, tenantId, serviceUrl } = outcome.created;
      const next = {
        ...(stored ?? {
          aadObjectId: to.aadObjectId,
          userId: to.aadObjectId,
          channelId: "msteams",
          botId,
          name: person.displayName,
          upn: person.upn,
        }),
        personId: person.id,
        tenantId,
        serviceUrl,
        conversationId,
        reachable: true,
        updatedAt: now,
      } as ConversationRecord;
      delete next.unreachableCause;
      await conversations.save(next);
    } else if (outcome.kind === "sent" && stored && !stored.reachable) {
      const next: ConversationRecord = { ...stored, reachable: true, updatedAt: now };
      delete next.unreachableCause;
      await conversations.save(next);
    }
    // "unknownPerson" is the outbox's own verdict (nobody to address), not Teams' refusal.
    if (outcome.kind === "unreachable" && outcome.reason !== "unknownPerson" && to.aadObjectId)
      await conversations.markUnreachable(to.aadObjectId, outcome.reason);
  }
}

/**
 * Whom the app is installed for before a message: people the bot never met, and those Teams said the
 * app is not installed for. Not those who removed it or blocked the bot: that was their choice.
 */
function needsInstall(to: Address): boolean {
  const c = to.conversation;
  return !c || (!c.reachable && c.unreachableCause === "notInstalled");
}
