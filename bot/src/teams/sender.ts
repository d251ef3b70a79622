// Delivers a message the dispatch pipeline prepared (dispatch/sender.ts) in the person's 1:1 chat and
// says what Teams answered, as a typed outcome. Reads and writes no storage: the outbox chose the card
// and the address, and records what the outcome says about reaching the person.
//
// - With a stored conversation: continueConversationAsync (posting, or updating the earlier message).
// - Without one, but with the person's AAD id, the tenant and its service URL: creates the 1:1 chat
//   (createConversationAsync), which works when the app is installed for the person.
// - A 404 on a stored conversation (stale) recreates the 1:1 chat once, then gives up.
// - One HTTP request per connector call (adapter.ts removed botbuilder's hidden retries): the
//   dispatcher owns throttling, retries and the delivery record.
import type { Activity, CloudAdapter, ConversationParameters, TurnContext } from "botbuilder";
import { AuthenticationConstants } from "botframework-connector";
import type { CardActivity } from "../cards/adaptive.js";
import type {
  Address,
  CreatedConversation,
  MessageSender,
  OutgoingMessage,
  SendOutcome,
} from "../dispatch/sender.js";
import type { Logger } from "../logging.js";
import type { ConversationRecord } from "../storage/conversations.js";
import { describeConnectorError, outcomeOf, type ConnectorFailure } from "./errors.js";
import { referenceOf } from "./people.js";

interface Delivered {
  activityId: string;
  conversationId: string;
  updated: boolean;
}

class ConnectorCallFailed extends Error {
  constructor(readonly failure: ConnectorFailure) {
    super(failure.message);
  }
}

export class TeamsMessageSender implements MessageSender {
  constructor(
    private readonly adapter: CloudAdapter,
    /** The bot's app id (empty in development). */
    private readonly appId: string,
    private readonly logger: Logger,
  ) {}

  async send(message: OutgoingMessage): Promise<SendOutcome> {
    try {
      return await this.trySend(message);
    } catch (error) {
      // Anything unexpected: nothing was sent (or we cannot tell); the dispatcher retries.
      this.logger.warn(
        { err: error, personId: message.to.personId, roundId: message.roundId },
        "send failed",
      );
      return { kind: "transient", detail: (error as Error)?.message ?? String(error) };
    }
  }

  private async trySend(message: OutgoingMessage): Promise<SendOutcome> {
    const { to, activity } = message;
    if (to.conversation) {
      try {
        const delivered = await this.deliver(to.conversation, activity, message.updateActivityId);
        return { kind: "sent", ...delivered };
      } catch (error) {
        const failure = failureOf(error);
        if (failure.status !== 404) return this.failed(failure);
        // Stale reference: the chat (or the message to update) is gone. Recreate the 1:1 chat once.
        this.logger.info({ personId: to.personId }, "conversation not found: recreating the 1:1 chat");
        return counted(await this.create(to, activity), 1);
      }
    }
    return this.create(to, activity);
  }

  private async deliver(
    record: ConversationRecord,
    activity: CardActivity,
    updateActivityId: string | undefined,
  ): Promise<Delivered> {
    // Errors inside the turn go to the adapter's onTurnError, which does not rethrow: carry them out.
    let delivered: Delivered | undefined;
    let failed: unknown;
    await this.adapter.continueConversationAsync(
      this.appId,
      referenceOf(record),
      async (context: TurnContext) => {
        try {
          delivered = await this.post(context, activity, record.conversationId, updateActivityId);
        } catch (error) {
          failed = error;
        }
      },
    );
    if (failed !== undefined) throw failed;
    if (!delivered) throw new Error("the conversation turn ended without a send");
    return delivered;
  }

  private async post(
    context: TurnContext,
    activity: CardActivity,
    conversationId: string,
    updateActivityId?: string,
  ): Promise<Delivered> {
    try {
      if (updateActivityId) {
        await context.updateActivity({ ...activity, id: updateActivityId });
        return { activityId: updateActivityId, conversationId, updated: true };
      }
      const response = await context.sendActivity(activity);
      if (!response?.id) throw new Error("the connector answered without an activity id");
      return { activityId: response.id, conversationId, updated: false };
    } catch (error) {
      throw new ConnectorCallFailed(describeConnectorError(error));
    }
  }

  /** Creates (or re-finds) the 1:1 chat with the person and posts the message there. */
  private async create(to: Address, activity: CardActivity): Promise<SendOutcome> {
    const { aadObjectId: aad, tenantId, serviceUrl } = to;
    if (!aad || !tenantId) {
      return {
        kind: "unreachable",
        reason: "unknownPerson",
        detail: "never met the bot: no AAD object id or tenant",
      };
    }
    const stored = to.conversation;
    const botId = stored?.botId || (this.appId ? `28:${this.appId}` : "28:goal-forecast");
    const parameters: ConversationParameters = {
      isGroup: false,
      bot: { id: botId, name: stored?.botName ?? "" },
      members: [{ id: stored?.userId ?? aad, name: to.displayName }],
      tenantId,
      channelData: { tenant: { id: tenantId } },
      // The message goes out in the turn below, so its id comes back like any other send's.
      activity: undefined as unknown as Activity,
    };
    let delivered: Delivered | undefined;
    let failed: unknown;
    let created: CreatedConversation | undefined;
    try {
      await this.adapter.createConversationAsync(
        this.appId,
        "msteams",
        serviceUrl,
        AuthenticationConstants.ToChannelFromBotOAuthScope,
        parameters,
        async (context: TurnContext) => {
          const conversationId = context.activity.conversation.id;
          created = { conversationId, botId, tenantId, serviceUrl };
          try {
            delivered = await this.post(context, activity, conversationId);
          } catch (error) {
            failed = error;
          }
        },
      );
    } catch (error) {
      failed = error;
    }
    // One request to create the chat, one more when the message itself went out (or was refused).
    const earlier = created ? 1 : 0;
    const withChat = (outcome: SendOutcome): SendOutcome =>
      counted(created ? { ...outcome, created } : outcome, earlier);
    if (failed !== undefined) {
      if (failed instanceof ConnectorCallFailed || isHttpFailure(failed)) {
        return withChat(this.failed(failureOf(failed)));
      }
      throw failed;
    }
    if (!delivered)
      return withChat({ kind: "transient", detail: "the conversation was created but nothing was sent" });
    return withChat({ kind: "sent", ...delivered });
  }

  private failed(failure: ConnectorFailure): SendOutcome {
    const outcome = outcomeOf(failure);
    this.logger.info(
      { outcome: outcome.kind, status: failure.status, code: failure.code },
      "send not delivered",
    );
    return outcome;
  }
}

/**
 * Counts the HTTP requests a send made besides the last one (the refused post before a recreate, the
 * creation of the chat), so the dispatcher's pacing charges each against Teams' limits.
 */
function counted(outcome: SendOutcome, earlier: number): SendOutcome {
  const total = (outcome.requests ?? 1) + earlier;
  return total > 1 ? { ...outcome, requests: total } : outcome;
}

/** A failure of a call to the connector (as opposed to a bug). */
function isHttpFailure(error: unknown): boolean {
  const e = error as { statusCode?: unknown; name?: unknown; code?: unknown };
  return typeof e?.statusCode === "number" || e?.name === "RestError" || typeof e?.code === "string";
}

function failureOf(error: unknown): ConnectorFailure {
  return error instanceof ConnectorCallFailed ? error.failure : describeConnectorError(error);
}
