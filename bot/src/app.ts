// Wires the product together: configuration → storage → auth → API, bot and tab on one server.
// Used by main.ts (the process) and by the tests, which start it on a free port.
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import type { Server } from "restify";
import { createAuthenticator } from "./auth/authenticate.js";
import { roleSettings } from "./auth/principal.js";
import { DevTokenIssuer } from "./auth/dev-issuer.js";
import { entraSettings, JwtTokenVerifier, type JwtSettings } from "./auth/tokens.js";
import type { Config } from "./config.js";
import type { Logger } from "./logging.js";
import type { ApiDeps } from "./api/context.js";
import { devRoutes } from "./api/dev.js";
import { exportRoutes } from "./api/exports.js";
import { DeckRenderer } from "./exports/deck-renderer.js";
import { healthRoutes, storageHealthCheck, type HealthCheck } from "./api/health.js";
import { registerRoutes } from "./api/register.js";
import { registerAdminRoutes } from "./api/register-admin.js";
import { reportRoutes } from "./api/reports.js";
import { contentSecurity } from "./api/content-security.js";
import { openApiRoutes } from "./api/openapi.js";
import { tabRoutes } from "./api/tab.js";
import { feedbackRoutes } from "./api/feedback.js";
import { roundsRoutes } from "./api/rounds.js";
import { implementer } from "./api/implement.js";
import { contract } from "@goal-forecast/core/contract";
import { createRoundMachinery, type RoundMachinery } from "./rounds/machinery.js";
import type { DispatcherOptions } from "./dispatch/dispatcher-options.js";
import { seedDemoDataIfEmpty } from "./register/demo.js";
import { resumePendingImports } from "./import/apply.js";
import { createServer, serveTab, type BotEndpoint } from "./server.js";
import { createStores, StorageAccount, type Stores } from "./storage/index.js";
import type { StorageSettings } from "./storage/client.js";
import type { MessageSender } from "./dispatch/sender.js";
import { createTeams } from "./teams/endpoint.js";
import { createGraph } from "./graph/index.js";
import { TableImportJournal } from "./storage/imports.js";

export interface App {
  server: Server;
  config: Config;
  stores: Stores;
  account: StorageAccount;
  devIssuer?: DevTokenIssuer;
  /** Sends check-ins, reminders and escalations to people in Teams (used by the round machinery). */
  sender: MessageSender;
  /** Round lifecycle, dispatch workers, scheduler (started and stopped with the server). */
  rounds: RoundMachinery;
  /** Base URL once listening, e.g. http://127.0.0.1:3978 */
  url: string;
  close(): Promise<void>;
}

export interface AppOptions {
  logger: Logger;
  /** Where the built tab is; defaults to dist/tab in the repository. */
  tabDir?: string;
  version?: string;
  /** Replaces the Teams sender the dispatcher uses (tests that watch or script what is sent). */
  sender?: MessageSender;
  /** Dispatcher settings beyond the configuration (tests: short timeouts, seeded randomness). */
  dispatcher?: Partial<Omit<DispatcherOptions, "instanceId">>;
}

export function repoRoot(): string {
  // bot/src/app.ts (source) or dist/bot/src/app.js (built): walk up to the folder holding package.json.
  const here = dirname(fileURLToPath(import.meta.url));
  return here.includes(`${join("dist", "bot")}`) ? join(here, "..", "..", "..") : join(here, "..", "..");
}

export async function startApp(config: Config, options: AppOptions): Promise<App> {
  const { logger } = options;
  const account = new StorageAccount(storageSettings(config));
  await account.ensureTables();
  const stores = createStores(account);
  if (config.seedDemoData) await seedDemoDataIfEmpty(stores, logger);
  // An import that storage interrupted last time is completed before anyone reads the register.
  const importJournal = new TableImportJournal(account);
  await resumePendingImports({ stores, journal: importJournal, logger }).catch((error: unknown) =>
    logger.error({ err: error }, "interrupted import could not be completed yet; retried at the next import"),
  );

  const devIssuer = config.devAuth ? await DevTokenIssuer.create() : undefined;
  const jwt: JwtSettings = devIssuer ? devIssuer.settings() : productionJwtSettings(config);
  const authenticator = createAuthenticator(new JwtTokenVerifier(jwt), stores.register, roleSettings(config));

  const server = createServer({ logger });
  const graph = createGraph(config, logger);
  const deps: ApiDeps = {
    config,
    logger,
    stores,
    authenticator,
    ...(graph ? { directory: graph.directory } : {}),
  };
  const teams = createTeams(config, logger, stores);
  const rounds = await createRoundMachinery({
    config,
    account,
    stores,
    logger,
    sender: options.sender ?? teams.sender,
    ...(graph ? { graph } : {}),
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
  });
  const checks: HealthCheck[] = [
    storageHealthCheck(account),
    { name: "queues", check: () => rounds.health() },
  ];
  contentSecurity(server);
  // Every route of the contract (core/src/contract), implemented here or in the modules below.
  const implement = implementer(server, deps);
  const version = options.version ?? "dev";
  healthRoutes(implement, checks, version);
  tabRoutes(implement, config, version);
  feedbackRoutes(implement, stores);
  openApiRoutes(implement, server, config, version);
  registerRoutes(implement, stores);
  reportRoutes(implement, stores);
  registerAdminRoutes(implement, deps, importJournal);
  const decks = new DeckRenderer({ concurrency: config.EXPORT_DECK_CONCURRENCY, logger });
  exportRoutes(implement, stores, decks);
  roundsRoutes(implement, rounds);
  if (devIssuer) devRoutes(implement, deps, devIssuer);

  const bot: BotEndpoint = teams.endpoint;
  implement.raw(contract.system.botMessages, async (req, res) => {
    await bot.process(req, res);
  });

  serveTab(server, options.tabDir ?? join(repoRoot(), "dist", "tab"), logger);

  await new Promise<void>((resolve) => server.listen(config.PORT, "0.0.0.0", () => resolve()));
  const address = server.address();
  const url = `http://127.0.0.1:${address.port}`;
  logger.info({ url, mode: config.APP_MODE }, "Goal Forecast is listening");
  await rounds.start();

  const app: App = {
    server,
    config,
    stores,
    account,
    sender: teams.sender,
    rounds,
    url,
    async close() {
      await rounds.stop();
      await decks.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  if (devIssuer) app.devIssuer = devIssuer;
  return app;
}

/** Where the tables and queues are: a connection string, or account URLs + the managed identity. */
export function storageSettings(config: Config): StorageSettings {
  return {
    prefix: config.STORAGE_PREFIX,
    ...(config.AZURE_STORAGE_CONNECTION_STRING
      ? { connectionString: config.AZURE_STORAGE_CONNECTION_STRING }
      : {}),
    ...(config.AZURE_TABLES_URL ? { tablesUrl: config.AZURE_TABLES_URL } : {}),
    ...(config.AZURE_QUEUES_URL ? { queuesUrl: config.AZURE_QUEUES_URL } : {}),
    ...(config.AZURE_CLIENT_ID ? { managedIdentityClientId: config.AZURE_CLIENT_ID } : {}),
  };
}

function productionJwtSettings(config: Config): JwtSettings {
  if (!config.AAD_APP_TENANT_ID || !config.AAD_APP_CLIENT_ID) {
    throw new Error(
      "AAD_APP_TENANT_ID and AAD_APP_CLIENT_ID are required unless DEV_AUTH is on in development",
    );
  }
  const audiences = config.API_AUDIENCE
    ? config.API_AUDIENCE.split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : [
        config.AAD_APP_CLIENT_ID,
        ...(config.PUBLIC_URL
          ? [`api://${new URL(config.PUBLIC_URL).host}/${config.AAD_APP_CLIENT_ID}`]
          : []),
      ];
  return entraSettings({
    tenantId: config.AAD_APP_TENANT_ID,
    authorityHost: config.AAD_APP_OAUTH_AUTHORITY_HOST,
    audiences,
    ...(config.AUTH_ISSUER ? { issuer: config.AUTH_ISSUER } : {}),
    ...(config.AUTH_JWKS_URL ? { jwksUrl: config.AUTH_JWKS_URL } : {}),
  });
}
