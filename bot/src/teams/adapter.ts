// botbuilder's CloudAdapter, configured so that the product (not the SDK) decides about retries.
//
// The connector clients botbuilder creates retry by themselves (the Azure pipeline's retry phase:
// about 4 attempts, honouring Retry-After) before a 429 or 5xx reaches the caller. For the round
// dispatcher that owns pacing, those hidden retries multiply traffic exactly when Teams asks for less,
// and for a reply to an unresponsive service they take ~11 s of Teams' 15 s. So every connector client
// this adapter creates has its retry phase removed and a bounded request timeout instead: one HTTP
// request per call, and the typed outcome goes back to whoever decides what to do next.
//
// An incoming turn's connector client comes from authenticateRequest, not createConnectorFactory, so
// it is wrapped there too, and the calls of one turn share a budget (TEAMS_TURN_BUDGET_MS): Teams
// waits for the HTTP answer of /api/messages, and a service URL that refuses or stalls must not hold
// it for the 15 s Teams allows an invoke.
import {
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from "botbuilder";
import {
  AuthenticationConstants,
  AuthenticationError,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorClient,
} from "botframework-connector";
import type { Activity } from "botbuilder";
import type { Config } from "../config.js";

interface PipelineLike {
  removePolicy(options: { name?: string; phase?: string }): unknown;
  addPolicy(
    policy: {
      name: string;
      sendRequest(request: { timeout: number }, next: (r: unknown) => Promise<unknown>): Promise<unknown>;
    },
    options?: { phase?: string },
  ): void;
}

/** The core-client pipeline inside botframework-connector's compat ServiceClientContext. */
function pipelineOf(client: ConnectorClient): PipelineLike | undefined {
  const inner = (client as unknown as { client?: { pipeline?: PipelineLike } }).client;
  return inner?.pipeline;
}

/**
 * How long the connector calls of one incoming turn may take together (ms): the reply, a member
 * lookup, the error notice. Only the connector's time counts, not the turn's own storage work, so a
 * busy server still replies late rather than not at all; a connector that refuses or stalls costs at
 * most this much of Teams' 15 s.
 */
export const TEAMS_TURN_BUDGET_MS = 4000;

/** A connector call refused because its turn's budget was already spent. */
export class TurnBudgetSpentError extends Error {
  override readonly name = "TurnBudgetSpentError";
  constructor(budgetMs: number) {
    super(`the turn's ${budgetMs} ms for calls to the Bot Connector are spent`);
  }
}

/** The connector time one turn has left (overlapping calls both count: the bound stays a bound). */
class TurnBudget {
  private spentMs = 0;
  constructor(readonly budgetMs: number) {}

  get leftMs(): number {
    return this.budgetMs - this.spentMs;
  }

  spend(ms: number): void {
    this.spentMs += ms;
  }
}

/**
 * One HTTP request per connector call: no hidden retries, and a timeout; with a turn's budget, no
 * call lasts longer than what is left of it (and none starts once it is spent).
 */
export function withoutHiddenRetries(
  client: ConnectorClient,
  timeoutMs: number,
  budget?: TurnBudget,
): ConnectorClient {
  const pipeline = pipelineOf(client);
  if (!pipeline) throw new Error("botbuilder's connector client changed shape: cannot disable its retries");
  pipeline.removePolicy({ phase: "Retry" });
  pipeline.removePolicy({ name: "goalForecastTimeout" });
  pipeline.addPolicy({
    name: "goalForecastTimeout",
    async sendRequest(request, next) {
      const timeout = request.timeout || timeoutMs;
      if (!budget) {
        request.timeout = timeout;
        return next(request);
      }
      if (budget.leftMs <= 0) throw new TurnBudgetSpentError(budget.budgetMs);
      request.timeout = Math.min(timeout, budget.leftMs);
      const started = Date.now();
      try {
        return await next(request);
      } finally {
        budget.spend(Date.now() - started);
      }
    },
  });
  return client;
}

class SingleAttemptConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly timeoutMs: number,
    private readonly budget?: TurnBudget,
  ) {
    super();
  }

  override async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return withoutHiddenRetries(await this.inner.create(serviceUrl, audience), this.timeoutMs, this.budget);
  }
}

/** Errors jsonwebtoken's verify() throws for a token it does not accept. */
const JWT_ERRORS = new Set(["JsonWebTokenError", "NotBeforeError", "TokenExpiredError"]);

/** Bot Framework authentication from configuration; with no BOT_ID it is the local (emulator) mode. */
export class ProductBotAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly timeoutMs: number;

  constructor(config: Config) {
    const options: Partial<ConfigurationBotFrameworkAuthenticationOptions> = {};
    if (config.BOT_ID) {
      options.MicrosoftAppId = config.BOT_ID;
      if (config.BOT_TYPE) options.MicrosoftAppType = config.BOT_TYPE;
      if (config.BOT_TENANT_ID) options.MicrosoftAppTenantId = config.BOT_TENANT_ID;
      if (config.BOT_PASSWORD) options.MicrosoftAppPassword = config.BOT_PASSWORD;
    }
    if (config.BOT_OPENID_METADATA_URL) {
      // botbuilder takes any one of these settings as "all of them are given": with the metadata URL
      // alone the expected issuer is undefined and every token is refused. The rest are the public
      // cloud's values, exactly what botbuilder uses when nothing is overridden.
      Object.assign(options, {
        ToBotFromChannelOpenIdMetadataUrl: config.BOT_OPENID_METADATA_URL,
        ValidateAuthority: true,
        ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
        ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
        ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
        OAuthUrl: AuthenticationConstants.OAuthUrl,
        ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
        CallerId: CallerIdConstants.PublicAzureChannel,
      } satisfies Partial<ConfigurationBotFrameworkAuthenticationOptions>);
    }
    super(options as ConfigurationBotFrameworkAuthenticationOptions);
    this.timeoutMs = config.TEAMS_REQUEST_TIMEOUT_MS;
  }

  /**
   * botbuilder rethrows jsonwebtoken's own errors (a bad signature: a forged token) and CloudAdapter
   * then answers 500; they are refusals of the token like any other, so 401.
   */
  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    let result: AuthenticateRequestResult;
    try {
      result = await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      if (error instanceof Error && JWT_ERRORS.has(error.name)) {
        throw new AuthenticationError(`Unauthorized. ${error.message}`, 401);
      }
      throw error;
    }
    // The turn's own connector client (botbuilder builds this factory itself, bypassing ours below).
    if (result.connectorFactory) {
      result.connectorFactory = new SingleAttemptConnectorFactory(
        result.connectorFactory,
        this.timeoutMs,
        new TurnBudget(TEAMS_TURN_BUDGET_MS),
      );
    }
    return result;
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new SingleAttemptConnectorFactory(super.createConnectorFactory(claimsIdentity), this.timeoutMs);
  }
}

export function createAdapter(config: Config): CloudAdapter {
  return new CloudAdapter(new ProductBotAuthentication(config));
}
