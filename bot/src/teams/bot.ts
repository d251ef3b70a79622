// The bot in Teams chat: learns who people are when they install it or write, answers typed commands,
// and answers the check-in cards' Universal Actions (adaptiveCard/action invokes) with the next card.
// The conversation logic itself lives in checkin/ and knows nothing of botbuilder.
import { TeamsActivityHandler, type Activity, type InvokeResponse, type TurnContext } from "botbuilder";
import type { Language } from "@goal-forecast/core/domain/model";
import { resolveLanguage, translator } from "@goal-forecast/core/i18n";
import type { Logger } from "../logging.js";
import type { Stores } from "../storage/index.js";
import { StorageUnavailableError } from "../storage/errors.js";
import { CARD_CONTENT_TYPE, cardActivity, type AdaptiveCard } from "../cards/adaptive.js";
import { parseInvokeData } from "../cards/actions.js";
import { helpCard, noticeCard } from "../cards/notices.js";
import { unsavedCard } from "../cards/unsaved.js";
import { handleCardAction } from "../checkin/actions.js";
import { handleCommand, parseCommand } from "../checkin/commands.js";
import type { Viewer } from "../checkin/views.js";
import { meet, type Met } from "./people.js";

export type BotStores = Pick<Stores, "register" | "rounds" | "reports" | "conversations">;

const ADAPTIVE_CARD_ACTION = "adaptiveCard/action";

function cardResponse(card: AdaptiveCard): InvokeResponse {
  return { status: 200, body: { statusCode: 200, type: CARD_CONTENT_TYPE, value: card } };
}

function viewerOf(met: Met & { person: NonNullable<Met["person"]> }, context: TurnContext): Viewer {
  return { person: met.person, lang: met.lang, teamsUserId: context.activity.from.id };
}

export class GoalForecastBot extends TeamsActivityHandler {
  constructor(
    private readonly stores: BotStores,
    private readonly logger: Logger,
  ) {
    super();

    this.onMessage(async (context, next) => {
      await this.answerMessage(context);
      await next();
    });

    // Installed in personal scope (Teams sends conversationUpdate with the bot among membersAdded).
    this.onMembersAdded(async (context, next) => {
      const botAdded = (context.activity.membersAdded ?? []).some(
        (m) => m.id === context.activity.recipient?.id,
      );
      if (botAdded) await this.welcome(context);
      await next();
    });

    this.onInstallationUpdateAdd(async (context, next) => {
      await meet(context, this.stores, this.logger, "always");
      await next();
    });

    this.onInstallationUpdateRemove(async (context, next) => {
      await this.uninstalled(context);
      await next();
    });

    this.onMembersRemoved(async (context, next) => {
      const botRemoved = (context.activity.membersRemoved ?? []).some(
        (m) => m.id === context.activity.recipient?.id,
      );
      if (botRemoved) await this.uninstalled(context);
      await next();
    });
  }

  private async uninstalled(context: TurnContext): Promise<void> {
    const aad = context.activity.from?.aadObjectId;
    if (aad) await this.stores.conversations.markUnreachable(aad, "uninstalled");
    this.logger.info({ aad: aad ? "present" : "absent" }, "bot removed from a personal chat");
  }

  private async welcome(context: TurnContext): Promise<void> {
    // Teams sends installationUpdate (which looked the member up) just before: no second lookup.
    const met = await meet(context, this.stores, this.logger, "ifUnknown");
    const t = translator(met.lang);
    if (!met.person) {
      await context.sendActivity(t("bot:unknownUser"));
      return;
    }
    await context.sendActivity(
      cardActivity(helpCard(met.lang, t("bot:welcome", { name: met.person.displayName.split(" ")[0] }))),
    );
  }

  private async answerMessage(context: TurnContext): Promise<void> {
    const met = await meet(context, this.stores, this.logger);
    const t = translator(met.lang);
    if (!met.person) {
      await context.sendActivity(t("bot:unknownUser"));
      return;
    }
    const command = parseCommand(context.activity.text);
    const viewer = viewerOf({ ...met, person: met.person }, context);
    const reply = await handleCommand(this.stores, viewer, command);
    if (reply.setLanguage) {
      await this.stores.register.savePerson({ ...met.person, language: reply.setLanguage });
    }
    const activities: Partial<Activity>[] = [];
    if (reply.text) activities.push({ type: "message", text: reply.text, textFormat: "plain" });
    for (const card of reply.cards) activities.push(cardActivity(card));
    if (activities.length > 0) await context.sendActivities(activities);
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== ADAPTIVE_CARD_ACTION) {
      // Nothing else is offered by this app (no message extensions, task modules or sign-in).
      return {
        status: 400,
        body: {
          statusCode: 400,
          type: "application/vnd.microsoft.error",
          value: {
            code: "NotSupported",
            message: `invoke '${String(context.activity.name)}' is not supported`,
          },
        },
      };
    }
    return this.answerCardAction(context);
  }

  /**
   * Every card action gets a card back, even when the payload is broken or storage is down: a failing
   * handler would make botbuilder answer 500/501, and Teams would show the person a generic error.
   */
  private async answerCardAction(context: TurnContext): Promise<InvokeResponse> {
    let language: Language = resolveLanguage(undefined, context.activity.locale);
    let lang = translator(language);
    const value = (context.activity.value ?? {}) as {
      action?: { type?: unknown; verb?: unknown; data?: unknown };
    };
    const action = value.action;
    try {
      const met = await meet(context, this.stores, this.logger);
      language = met.lang;
      lang = translator(language);
      if (!met.person) {
        return cardResponse(noticeCard(met.lang, { tone: "attention", title: lang("bot:unknownUser") }));
      }
      const viewer = viewerOf({ ...met, person: met.person }, context);
      if (!action || action.type !== "Action.Execute") {
        return cardResponse(
          noticeCard(met.lang, {
            tone: "attention",
            title: lang("bot:notice.malformed"),
            lines: [lang("bot:notice.typeReport")],
          }),
        );
      }
      const result = await handleCardAction(this.stores, viewer, action.verb, action.data);
      this.logger.info(
        { verb: action.verb, outcome: result.outcome, personId: met.person.id },
        "card action",
      );
      return cardResponse(result.card);
    } catch (error) {
      const unavailable = error instanceof StorageUnavailableError;
      this.logger.error({ err: error }, "card action failed");
      // A save storage could not take keeps what the person typed, ready to be sent again.
      const save = unavailable ? parseInvokeData(action?.data) : undefined;
      if (save?.ok && (action?.verb === "submit" || action?.verb === "saveDraft"))
        return cardResponse(unsavedCard(language, action.verb, save.data, save.inputs));
      return cardResponse(
        noticeCard(language, {
          tone: "attention",
          title: lang(unavailable ? "error.unavailable" : "error.internal"),
          lines: [lang("bot:notice.tryAgain")],
        }),
      );
    }
  }
}
