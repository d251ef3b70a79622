// The bot's HTTP endpoint on botbuilder's CloudAdapter, and the proactive sender the round machinery
// uses. Every botbuilder import lives in teams/ (ESLint enforces it), so moving to the Teams SDK
// (@microsoft/teams.apps) later touches this folder alone.
import type { Request, Response } from "restify";
import type { Config } from "../config.js";
import { resolveLanguage, translator } from "@goal-forecast/core/i18n";
import type { Logger } from "../logging.js";
import type { MessageSender } from "../dispatch/sender.js";
import type { BotEndpoint } from "../server.js";
import { checkActivityShape } from "./activity.js";
import { createAdapter } from "./adapter.js";
import { GoalForecastBot, type BotStores } from "./bot.js";
import { TeamsMessageSender } from "./sender.js";

export interface Teams {
  endpoint: BotEndpoint;
  sender: MessageSender;
}

export function createTeams(config: Config, logger: Logger, stores: BotStores): Teams {
  const adapter = createAdapter(config);
  adapter.onTurnError = async (context, error) => {
    // Reached only by failures outside the card handler (which answers every problem with a card).
    logger.error({ err: error, activityType: context.activity.type }, "bot turn failed");
    if (context.activity.type === "message") {
      await context
        .sendActivity(
          translator(resolveLanguage(undefined, context.activity.locale))("bot:notice.turnFailed"),
        )
        .catch((e: unknown) => logger.warn({ err: e }, "could not tell the person about the failure"));
    }
  };
  const bot = new GoalForecastBot(stores, logger.child({ module: "bot" }));
  const endpoint: BotEndpoint = {
    async process(req: Request, res: Response) {
      const shape = checkActivityShape(req.body);
      if (!shape.ok) {
        logger.info({ problems: shape.problems }, "refused a malformed activity");
        res.send(400, {
          error: { code: "badRequest", message: "not a Bot Framework activity", problems: shape.problems },
        });
        return;
      }
      await adapter.process(req, res, (context) => bot.run(context));
    },
  };
  return {
    endpoint,
    sender: new TeamsMessageSender(adapter, config.BOT_ID ?? "", logger.child({ module: "sender" })),
  };
}
