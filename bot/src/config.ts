// Every setting the server reads, validated once at start-up. Each key is documented here and in
// env/.env.dev; secrets come from the environment (App Service settings / Key Vault references).
import { z } from "zod";
import type { LocalizedText } from "@goal-forecast/core/domain/model";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");
const list = z.string().transform((v) =>
  v
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean),
);
const optionalUrl = z.url().optional();

const schema = z.object({
  /** "development" enables the dev token issuer, Azurite and demo data; "production" refuses them. */
  APP_MODE: z.enum(["development", "production"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  /** Public base URL of this app (tab pages, card links), e.g. https://goalforecast.azurewebsites.net */
  PUBLIC_URL: optionalUrl,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Human-readable logs (development). Production logs JSON lines. */
  LOG_PRETTY: bool.optional(),

  // Storage: a connection string (Azurite, or a key-based account), or account URLs + managed identity.
  AZURE_STORAGE_CONNECTION_STRING: z.string().min(1).optional(),
  AZURE_TABLES_URL: optionalUrl,
  AZURE_QUEUES_URL: optionalUrl,
  /** Client id of the user-assigned managed identity (read by DefaultAzureCredential as well). */
  AZURE_CLIENT_ID: z.string().optional(),
  /** Prefix of every table and queue name, so several environments or test runs share one account. */
  STORAGE_PREFIX: z
    .string()
    .regex(/^[a-z][a-z0-9]{0,15}$/, "lower-case letters and digits, starting with a letter, at most 16")
    .default("gf"),

  // Bot registration (Azure Bot). New registrations are SingleTenant or UserAssignedMSI.
  BOT_ID: z.string().optional(),
  BOT_PASSWORD: z.string().optional(),
  BOT_TYPE: z.enum(["SingleTenant", "UserAssignedMSI"]).optional(),
  BOT_TENANT_ID: z.string().optional(),
  /**
   * Bot Connector service URL for creating 1:1 chats with people the bot has not met in their tenant
   * yet (normally learnt from any incoming activity of that tenant).
   */
  TEAMS_SERVICE_URL: z.url().default("https://smba.trafficmanager.net/teams/"),
  /**
   * How long one call to the Bot Connector may take before it counts as a transient failure (ms).
   * Each call is one HTTP request: botbuilder's own retries are switched off (teams/adapter.ts).
   */
  TEAMS_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** Overrides the Bot Framework OpenID metadata (tests serve their own keys; never set in production). */
  BOT_OPENID_METADATA_URL: optionalUrl,

  // Tab single sign-on (Entra ID app registration).
  AAD_APP_CLIENT_ID: z.string().optional(),
  AAD_APP_TENANT_ID: z.string().optional(),
  AAD_APP_OAUTH_AUTHORITY_HOST: z.url().default("https://login.microsoftonline.com"),
  /** Accepted token audiences, comma separated (api://<host>/<client-id> and the client id). */
  API_AUDIENCE: z.string().optional(),
  /** Overrides the issuer and key set (tests). Defaults derive from the tenant id. */
  AUTH_ISSUER: z.string().optional(),
  AUTH_JWKS_URL: optionalUrl,
  /** Development only: the server issues its own tokens for the demo people. */
  DEV_AUTH: bool.optional(),

  // Roles. Owners and preparers come from the goal register.
  ADMIN_UPNS: list.default([]),
  MANAGER_UPNS: list.default([]),
  ADMIN_GROUP_ID: z.string().optional(),
  MANAGER_GROUP_ID: z.string().optional(),

  // Dispatch of check-ins and reminders (see bot/src/rounds/ and docs/ARCHITECTURE.md).
  /** The app's message limit per tenant (Teams: 50 requests/s), shared by all instances. */
  TEAMS_RATE_LIMIT_PER_SECOND: z.coerce.number().positive().max(1000).default(50),
  /** Messages one instance handles at once; 0 = this instance never sends (API only). */
  DISPATCH_WORKERS: z.coerce.number().int().min(0).max(64).default(16),
  /** Attempts per message before it is marked failed (429 and 412/5xx are retried). */
  DISPATCH_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  /** First retry delay; doubles per attempt with jitter, never below Teams' Retry-After. */
  DISPATCH_RETRY_BASE_MS: z.coerce.number().int().min(0).max(600_000).default(1000),
  DISPATCH_RETRY_MAX_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
  /** How long a received queue message stays hidden from other instances (a crashed one's come back after it). */
  DISPATCH_VISIBILITY_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  /** A send not answered by then is reported as in doubt (it may have reached Teams) and not resent. */
  DISPATCH_SEND_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(20_000),
  /** Longest wait between polls of an empty queue. */
  DISPATCH_IDLE_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  /** Instances heartbeat this often (the tenant limit is split between live instances). */
  DISPATCH_HEARTBEAT_MS: z.coerce.number().int().min(50).max(60_000).default(2000),
  /** How often an instance reads the shared "throttled until" / "halted" flags. */
  DISPATCH_FLAG_POLL_MS: z.coerce.number().int().min(20).max(10_000).default(250),
  /** How long a 401 from Teams halts all sending (an admin's resend lifts it sooner). */
  DISPATCH_HALT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  /** This instance's name in the shared membership (logs, leases); default: random per start. */
  DISPATCH_INSTANCE_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/)
    .optional(),
  /** How often reminders and escalations are checked; 0 = this instance does not schedule. */
  SCHEDULER_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),

  /**
   * Decks (PPTX exports) this instance renders at once, each in its own worker thread; further
   * requests wait their turn. A 1,000-goal deck peaks at about half a gigabyte of heap.
   */
  EXPORT_DECK_CONCURRENCY: z.coerce.number().int().min(1).max(8).default(1),

  // Microsoft Graph (bot/src/graph/): people resolved at import, the app installed for people the bot
  // has not met. Application permissions with admin consent (docs/DEPLOY.md).
  /** Resolve people and install the app through Graph; off = people are reached only once they met the bot. */
  GRAPH_ENABLED: bool.optional(),
  /** Graph's base address (national clouds, or a local Graph in tests); no credential goes to a loopback one in development. */
  GRAPH_ENDPOINT: z.url().default("https://graph.microsoft.com"),
  /**
   * Client secret of the tab's Entra app (AAD_APP_CLIENT_ID, the manifest's webApplicationInfo: the
   * app Graph lets install itself); without it the managed identity signs in to Graph (docs/DEPLOY.md).
   */
  GRAPH_CLIENT_SECRET: z.string().optional(),
  /** The app's id in the org catalog; default: looked up by the manifest id (TEAMS_APP_ID). */
  TEAMS_CATALOG_APP_ID: z.string().optional(),

  // The organisation's own details in the accessibility statement (tab: #/accessibility).
  /** Who provides the service, in Finnish, Swedish and English separated by "|" (sv and en optional). */
  ORGANISATION_NAME: z
    .string()
    .regex(/^[^|]+(\|[^|]*){0,2}$/, 'Finnish name, then optionally "|Swedish|English"')
    .default("Helsingin kaupunki|Helsingfors stad|City of Helsinki"),
  /** Where accessibility feedback may also be e-mailed; the tab's feedback form works without it. */
  ACCESSIBILITY_FEEDBACK_EMAIL: z.email().optional(),

  /** Load the demo data from the seeds when the storage is empty (development). */
  SEED_DEMO_DATA: bool.optional(),
  TEAMS_APP_ID: z.string().optional(),
  APPLICATIONINSIGHTS_CONNECTION_STRING: z.string().optional(),
});

export type RawConfig = z.infer<typeof schema>;

export interface Config extends RawConfig {
  isDevelopment: boolean;
  devAuth: boolean;
  seedDemoData: boolean;
  logPretty: boolean;
  graphEnabled: boolean;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

const AZURITE = /UseDevelopmentStorage=true|127\.0\.0\.1|localhost|devstoreaccount1/i;

/** Reads and checks the configuration; throws ConfigError naming every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const raw = parsed.data;
  const isDevelopment = raw.APP_MODE === "development";
  const config: Config = {
    ...raw,
    isDevelopment,
    devAuth: isDevelopment && (raw.DEV_AUTH ?? true),
    seedDemoData: raw.SEED_DEMO_DATA ?? isDevelopment,
    logPretty: raw.LOG_PRETTY ?? isDevelopment,
    graphEnabled: raw.GRAPH_ENABLED ?? false,
  };

  const problems: string[] = [];
  if (!raw.AZURE_STORAGE_CONNECTION_STRING && !(raw.AZURE_TABLES_URL && raw.AZURE_QUEUES_URL)) {
    problems.push(
      "storage: set AZURE_STORAGE_CONNECTION_STRING, or AZURE_TABLES_URL and AZURE_QUEUES_URL (managed identity)",
    );
  }
  if (raw.GRAPH_CLIENT_SECRET && !raw.BOT_ID) {
    problems.push(
      "GRAPH_CLIENT_SECRET: is the secret of the bot's app registration, so BOT_ID is required with it",
    );
  }
  if (!isDevelopment) {
    // Production refuses what only makes sense on a developer's machine, and says why.
    if (raw.DEV_AUTH) problems.push("DEV_AUTH: the development token issuer is refused in production");
    if (raw.SEED_DEMO_DATA) problems.push("SEED_DEMO_DATA: demo data is refused in production");
    if (raw.AZURE_STORAGE_CONNECTION_STRING && AZURITE.test(raw.AZURE_STORAGE_CONNECTION_STRING)) {
      problems.push(
        "AZURE_STORAGE_CONNECTION_STRING: points to Azurite (local emulator), refused in production",
      );
    }
    if (raw.BOT_OPENID_METADATA_URL && !raw.BOT_OPENID_METADATA_URL.startsWith("https://")) {
      problems.push("BOT_OPENID_METADATA_URL: must be https in production");
    }
    if (raw.AUTH_JWKS_URL && !raw.AUTH_JWKS_URL.startsWith("https://")) {
      problems.push("AUTH_JWKS_URL: must be https in production (plain http keys are for tests)");
    }
    for (const key of ["AZURE_TABLES_URL", "AZURE_QUEUES_URL"] as const) {
      const url = raw[key];
      if (url && (!url.startsWith("https://") || AZURITE.test(url))) {
        problems.push(`${key}: must be the https address of a storage account in production, not ${url}`);
      }
    }
    if (!raw.PUBLIC_URL) {
      problems.push("PUBLIC_URL: the app's public https address is required in production (tab, card links)");
    } else if (!raw.PUBLIC_URL.startsWith("https://")) {
      problems.push("PUBLIC_URL: must be https in production (Teams loads tabs only over https)");
    }
    if (!raw.BOT_ID) problems.push("BOT_ID: the bot's Microsoft App ID is required in production");
    if (!raw.BOT_TYPE) problems.push("BOT_TYPE: UserAssignedMSI or SingleTenant is required in production");
    if (raw.BOT_TYPE === "SingleTenant" && !raw.BOT_PASSWORD) {
      problems.push("BOT_PASSWORD: required for a SingleTenant bot (or use BOT_TYPE=UserAssignedMSI)");
    }
    if (raw.BOT_TYPE === "UserAssignedMSI" && raw.BOT_PASSWORD) {
      problems.push(
        "BOT_PASSWORD: a UserAssignedMSI bot has no password (its managed identity signs in); remove it",
      );
    }
    if (raw.BOT_TYPE && !raw.BOT_TENANT_ID) {
      problems.push("BOT_TENANT_ID: required for SingleTenant and UserAssignedMSI bots");
    }
    if (!raw.AAD_APP_CLIENT_ID)
      problems.push("AAD_APP_CLIENT_ID: the tab's Entra app id is required in production");
    if (!raw.AAD_APP_TENANT_ID) problems.push("AAD_APP_TENANT_ID: the tenant id is required in production");
    if (raw.GRAPH_ENABLED && (!raw.GRAPH_ENDPOINT.startsWith("https://") || isLoopback(raw.GRAPH_ENDPOINT))) {
      problems.push(
        "GRAPH_ENDPOINT: must be Graph's https address in production (a local Graph is for tests)",
      );
    }
    if (raw.GRAPH_ENABLED && !raw.TEAMS_CATALOG_APP_ID && !raw.TEAMS_APP_ID) {
      problems.push(
        "TEAMS_CATALOG_APP_ID or TEAMS_APP_ID: installing the app through Graph needs its catalog id or the manifest id",
      );
    }
    if (raw.ADMIN_UPNS.length === 0 && !raw.ADMIN_GROUP_ID) {
      problems.push("ADMIN_UPNS or ADMIN_GROUP_ID: somebody must be able to administer rounds");
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** A loopback address: a local stand-in (tests, a developer's machine), never a real service. */
export function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === "localhost" || host === "[::1]" || /^127\./.test(host);
}

/** Names of every environment variable the server reads (checked against env templates and Bicep). */
export const CONFIG_KEYS = Object.keys(schema.shape) as (keyof RawConfig)[];

/**
 * The keys Azure provisioning (infra/azure.bicep) deliberately does not set, and why. Every other key
 * is an App Service setting there and documented in env/.env.dev; tests/unit/deploy checks both, so a
 * new key must be wired into the Bicep or listed here with its reason.
 */
export const NOT_PROVISIONED_KEYS: Partial<Record<keyof RawConfig, string>> = {
  PORT: "App Service sets it for the container",
  LOG_PRETTY: "development only: production logs JSON lines",
  AZURE_STORAGE_CONNECTION_STRING:
    "Azurite or a key-based account outside Azure; the provisioned account has shared keys off and is reached by AZURE_TABLES_URL/AZURE_QUEUES_URL with the managed identity",
  BOT_OPENID_METADATA_URL: "tests only: they serve their own Bot Framework keys",
  AUTH_ISSUER: "tests only: the issuer derives from AAD_APP_TENANT_ID",
  AUTH_JWKS_URL: "tests only: the key set derives from AAD_APP_TENANT_ID",
  DEV_AUTH: "development only: refused in production",
  SEED_DEMO_DATA: "development only: refused in production",
  TEAMS_REQUEST_TIMEOUT_MS:
    "tuning only: the default (10 s) keeps a reply inside Teams' 15 s; tests shorten it. Add an App Service setting to change it",
  DISPATCH_RETRY_BASE_MS: "dispatch tuning: the default (1 s, doubling) suits Teams; tests shorten it",
  DISPATCH_RETRY_MAX_MS: "dispatch tuning: the default (60 s) suits Teams; tests shorten it",
  DISPATCH_VISIBILITY_SECONDS:
    "dispatch tuning: the default (60 s) bounds how long a crashed instance's messages stay hidden",
  DISPATCH_SEND_TIMEOUT_MS:
    "dispatch tuning: the default (20 s) is above the connector's own request timeout",
  DISPATCH_IDLE_POLL_MS: "dispatch tuning: the default (1 s) keeps an idle queue cheap; tests shorten it",
  DISPATCH_HEARTBEAT_MS:
    "dispatch tuning: the default (2 s) is how fast instances re-split the rate limit; tests shorten it",
  DISPATCH_FLAG_POLL_MS: "dispatch tuning: the default (250 ms) is how fast a 429 pauses the other instances",
  DISPATCH_HALT_SECONDS:
    "dispatch tuning: the default (5 min) pause after a 401 is lifted by an admin's resend",
  DISPATCH_INSTANCE_ID: "random per start: App Service instances need no fixed name",
  EXPORT_DECK_CONCURRENCY:
    "tuning only: one deck at a time (about 0.5 GB of heap for 1,000 goals) suits the smallest App Service plans. Add an App Service setting to render more at once on a larger plan",
  GRAPH_ENABLED:
    "off until the tenant's admin has granted the Graph permissions (docs/DEPLOY.md, after provisioning); then set it to true as an App Service setting",
  GRAPH_ENDPOINT:
    "the default (https://graph.microsoft.com) is Graph's global service; tests point it at a local Graph",
  GRAPH_CLIENT_SECRET:
    "optional: without it the user-assigned managed identity signs in to Graph; with it, a Key Vault reference added by the operator (docs/DEPLOY.md)",
  TEAMS_CATALOG_APP_ID:
    "found from the manifest id (TEAMS_APP_ID) in the org catalog; set it only when the lookup is not allowed",
  SCHEDULER_INTERVAL_SECONDS:
    "the default (60 s) checks reminders often enough; tests turn it off and tick by hand",
  ORGANISATION_NAME:
    "the organisation's own name for the accessibility statement; the default names the City of Helsinki. Another organisation adds an App Service setting",
  ACCESSIBILITY_FEEDBACK_EMAIL:
    "the organisation's own address, not known to provisioning; the feedback form in the tab works without it. Add an App Service setting to publish one",
};

/** The organisation's name as the accessibility statement shows it, in each language given. */
export function organisationName(config: Pick<Config, "ORGANISATION_NAME">): LocalizedText {
  const [fi = "", sv, en] = config.ORGANISATION_NAME.split("|").map((s) => s.trim());
  return { fi, ...(sv ? { sv } : {}), ...(en ? { en } : {}) };
}
