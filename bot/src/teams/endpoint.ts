// The bot's HTTP endpoint on botbuilder's CloudAdapter. Every botbuilder import lives in teams/.
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from "botbuilder";
import type { Request, Response } from "restify";
import type { Config } from "../config.js";
import type { Logger } from "../logging.js";
import type { BotEndpoint } from "../server.js";

/** Bot Framework authentication from configuration; with no BOT_ID it is the local (emulator) mode. */
export function botAuthentication(config: Config): ConfigurationBotFrameworkAuthentication {
  const options: Partial<ConfigurationBotFrameworkAuthenticationOptions> = {};
  if (config.BOT_ID) {
    options.MicrosoftAppId = config.BOT_ID;
    if (config.BOT_TYPE) options.MicrosoftAppType = config.BOT_TYPE;
    if (config.BOT_TENANT_ID) options.MicrosoftAppTenantId = config.BOT_TENANT_ID;
    if (config.BOT_PASSWORD) options.MicrosoftAppPassword = config.BOT_PASSWORD;
  }
  return new ConfigurationBotFrameworkAuthentication(
    options as ConfigurationBotFrameworkAuthenticationOptions,
  );
}

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context: TurnContext, next) => {
      await context.sendActivity(`echo: ${context.activity.text ?? ""}`);
      await next();
    });
  }
}

export function createBotEndpoint(config: Config, logger: Logger): BotEndpoint {
  const adapter = new CloudAdapter(botAuthentication(config));
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, activityType: context.activity.type }, "bot turn failed");
  };
  const bot = new EchoBot();
  return {
    async process(req: Request, res: Response) {
      await adapter.process(req, res, (context) => bot.run(context));
    },
  };
}
