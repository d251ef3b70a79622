// The proactive sender the round machinery uses (dispatch/sender.ts): sends or updates one person's
// check-in, reminder or escalation in their 1:1 chat and says what happened, as a typed outcome.
//
// - With a stored conversation reference: continueConversationAsync.
// - Without one, but with the person's AAD id, the tenant and the tenant's service URL: creates the
//   1:1 chat (createConversationAsync), which works when the app is installed for the person.
// - A 404 on a stored reference (stale conversation) recreates the 1:1 chat once, then gives up.
// - One HTTP request per connector call (adapter.ts removed botbuilder's hidden retries): the
//   dispatcher owns throttling, retries and the delivery record.
import type { Activity, CloudAdapter, ConversationParameters, TurnContext } from "botbuilder";
import { AuthenticationConstants } from "botframework-connector";
import type { Config } from "../config.js";
import type { Person, Round } from "@goal-forecast/core/domain/model";
import { responseStatus } from "@goal-forecast/core/domain/status";
import { subjectsOfRound } from "@goal-forecast/core/domain/subjects";
import { resolveLanguage } from "@goal-forecast/core/i18n";
import type { Logger } from "../logging.js";
import type { MessageSender, MissingReportItem, SendOutcome, SendRequest } from "../dispatch/sender.js";
import type { ConversationRecord, UnreachableCause } from "../storage/conversations.js";
import type { Stores } from "../storage/index.js";
import { CARD_CONTENT_TYPE, type AdaptiveCard } from "../cards/adaptive.js";
import { escalationCard, type EscalationLine } from "../cards/checkin.js";
import { listCard, namesFor } from "../checkin/views.js";
import { describeConnectorError, outcomeOf, type ConnectorFailure } from "./errors.js";
import { referenceOf } from "./people.js";

export type SenderStores = Pick<Stores, "register" | "rounds" | "reports" | "conversations">;

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

/** The activity carrying a card, as Teams shows it (the summary is what notifications display). */
export function cardActivity(card: AdaptiveCard): Partial<Activity> {
  return {
    type: "message",
    attachments: [{ contentType: CARD_CONTENT_TYPE, content: card }],
    ...(card.fallbackText ? { summary: card.fallbackText } : {}),
  };
}

export class TeamsMessageSender implements MessageSender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly stores: SenderStores,
    private readonly config: Config,
    private readonly logger: Logger,
  ) {}

  async send(request: SendRequest): Promise<SendOutcome> {
    try {
      return await this.trySend(request);
    } catch (error) {
      // Storage or anything unexpected: nothing was sent (or we cannot tell); the dispatcher retries.
      this.logger.warn({ err: error, personId: request.personId, roundId: request.roundId }, "send failed");
      return { kind: "transient", detail: (error as Error)?.message ?? String(error) };
    }
  }

  private get appId(): string {
    return this.config.BOT_ID ?? "";
  }

  private async trySend(request: SendRequest): Promise<SendOutcome> {
    const [person, round] = await Promise.all([
      this.stores.register.person(request.personId),
      request.round ?? this.stores.rounds.get(request.roundId),
    ]);
    if (!person) return { kind: "unreachable", reason: "unknownPerson", detail: "not in the register" };
    if (!round) return { kind: "transient", detail: `round ${request.roundId} not found` };
    const record = await this.stores.conversations.forPerson(person);
    const card = await this.cardFor(request, round, person, record);
    const activity = cardActivity(card);

    if (record) {
      try {
        const delivered = await this.deliver(record, activity, request);
        await this.markReachable(record);
        return { kind: "sent", ...delivered };
      } catch (error) {
        const failure = failureOf(error);
        if (failure.status !== 404) return this.failed(failure, record.aadObjectId);
        // Stale reference: the chat (or the message to update) is gone. Recreate the 1:1 chat once.
        this.logger.info({ personId: person.id }, "conversation not found: recreating the 1:1 chat");
        return counted(await this.create(person, record, activity), 1);
      }
    }
    return this.create(person, undefined, activity);
  }

  private async cardFor(
    request: SendRequest,
    round: Round,
    person: Person,
    record: ConversationRecord | undefined,
  ): Promise<AdaptiveCard> {
    const lang = resolveLanguage(person.language, record?.locale);
    if (request.kind === "escalation") return this.escalation(request, round, person, lang);
    return listCard(
      this.stores,
      round,
      { person, lang, ...(record ? { teamsUserId: record.userId } : {}) },
      {
        kind: request.kind === "reminder" ? "reminder" : "checkin",
        ...(request.daysLeft !== undefined ? { daysLeft: request.daysLeft } : {}),
      },
    );
  }

  /**
   * A manager's (or admin's) list of reports still missing: the dispatcher passes them (dispatch/recipients.ts);
   * without that list, the subjects whose owners this person manages.
   */
  private async escalation(
    request: SendRequest,
    round: Round,
    manager: Person,
    lang: ReturnType<typeof resolveLanguage>,
  ): Promise<AdaptiveCard> {
    let items: MissingReportItem[] | undefined = request.missing;
    if (!items) {
      const [register, reports] = await Promise.all([
        this.stores.register.load(round.year),
        this.stores.reports.listByRound(round.id),
      ]);
      const team = new Set(register.people.filter((p) => p.managerId === manager.id).map((p) => p.id));
      const bySubject = new Map(reports.map((r) => [r.subjectId, r]));
      items = [];
      for (const subject of subjectsOfRound(round, register.goals)) {
        const status = responseStatus(bySubject.get(subject.id));
        if (status === "submitted" || !subject.ownerIds.some((id) => team.has(id))) continue;
        items.push({
          subjectId: subject.id,
          title: subject.title,
          goalTitle: subject.goalTitle,
          status,
          ownerIds: subject.ownerIds,
        });
      }
    }
    const nameOf = await namesFor(
      this.stores,
      items.flatMap((i) => i.ownerIds),
    );
    const lines: EscalationLine[] = items.map((i) => ({
      subject: { title: i.title, goalTitle: i.goalTitle, isProject: i.title !== i.goalTitle },
      owners: i.ownerIds.map(nameOf),
      status: i.status,
    }));
    return escalationCard(lang, round, lines);
  }

  private async deliver(
    record: ConversationRecord,
    activity: Partial<Activity>,
    request: SendRequest,
  ): Promise<Delivered> {
    // Errors inside the turn go to the adapter's onTurnError, which does not rethrow: carry them out.
    let delivered: Delivered | undefined;
    let failed: unknown;
    await this.adapter.continueConversationAsync(
      this.appId,
      referenceOf(record),
      async (context: TurnContext) => {
        const update =
          request.updateActivityId &&
          (!request.conversationId || request.conversationId === record.conversationId)
            ? request.updateActivityId
            : undefined;
        try {
          delivered = await this.post(context, activity, record.conversationId, update);
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
    activity: Partial<Activity>,
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
  private async create(
    person: Person,
    record: ConversationRecord | undefined,
    activity: Partial<Activity>,
  ): Promise<SendOutcome> {
    const aad = record?.aadObjectId ?? person.aadObjectId?.toLowerCase();
    const tenantId = record?.tenantId ?? this.config.BOT_TENANT_ID ?? this.config.AAD_APP_TENANT_ID;
    if (!aad || !tenantId) {
      return {
        kind: "unreachable",
        reason: "unknownPerson",
        detail: "never met the bot: no AAD object id or tenant",
      };
    }
    const serviceUrl =
      (await this.stores.conversations.serviceUrlOf(tenantId)) ??
      record?.serviceUrl ??
      this.config.TEAMS_SERVICE_URL;
    const botId = record?.botId || (this.appId ? `28:${this.appId}` : "28:goal-forecast");
    const parameters: ConversationParameters = {
      isGroup: false,
      bot: { id: botId, name: record?.botName ?? "" },
      members: [{ id: record?.userId ?? aad, name: person.displayName }],
      tenantId,
      channelData: { tenant: { id: tenantId } },
      // The message goes out in the turn below, so its id comes back like any other send's.
      activity: undefined as unknown as Activity,
    };
    let delivered: Delivered | undefined;
    let failed: unknown;
    let created = false;
    try {
      await this.adapter.createConversationAsync(
        this.appId,
        "msteams",
        serviceUrl,
        AuthenticationConstants.ToChannelFromBotOAuthScope,
        parameters,
        async (context: TurnContext) => {
          created = true;
          const conversationId = context.activity.conversation.id;
          const next: ConversationRecord = {
            ...(record ?? {
              aadObjectId: aad,
              userId: aad,
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
            updatedAt: new Date().toISOString(),
          } as ConversationRecord;
          delete next.unreachableCause;
          try {
            await this.stores.conversations.save(next);
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
    const requests = created ? 2 : 1;
    if (failed !== undefined) {
      if (failed instanceof ConnectorCallFailed || isHttpFailure(failed)) {
        return counted(await this.failed(failureOf(failed), aad), requests - 1);
      }
      throw failed;
    }
    if (!delivered) {
      return counted(
        { kind: "transient", detail: "the conversation was created but nothing was sent" },
        requests - 1,
      );
    }
    return counted({ kind: "sent", ...delivered }, requests - 1);
  }

  private async failed(failure: ConnectorFailure, aad: string | undefined): Promise<SendOutcome> {
    const outcome = outcomeOf(failure);
    if (outcome.kind === "unreachable" && aad) {
      const cause: UnreachableCause = outcome.reason === "unknownPerson" ? "notInstalled" : outcome.reason;
      await this.stores.conversations.markUnreachable(aad, cause).catch((error: unknown) => {
        this.logger.warn({ err: error }, "could not mark a person unreachable");
      });
    }
    this.logger.info(
      { outcome: outcome.kind, status: failure.status, code: failure.code },
      "send not delivered",
    );
    return outcome;
  }

  private async markReachable(record: ConversationRecord): Promise<void> {
    if (record.reachable) return;
    const next: ConversationRecord = { ...record, reachable: true, updatedAt: new Date().toISOString() };
    delete next.unreachableCause;
    await this.stores.conversations.save(next);
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

/** A failure of a call to the connector (as opposed to storage or a bug). */
function isHttpFailure(error: unknown): boolean {
  const e = error as { statusCode?: unknown; name?: unknown; code?: unknown };
  return typeof e?.statusCode === "number" || e?.name === "RestError" || typeof e?.code === "string";
}

function failureOf(error: unknown): ConnectorFailure {
  return error instanceof ConnectorCallFailed ? error.failure : describeConnectorError(error);
}
