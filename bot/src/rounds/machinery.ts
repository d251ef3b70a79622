// Builds the round machinery of one server instance from configuration: the lifecycle service the API
// calls, the dispatcher (workers), the scheduler, the shared throttle and progress. app.ts starts it
// with the server and stops it with the server; tests start two against the same storage.
import type { Config } from "../config.js";
import { adminsOf } from "@goal-forecast/core/domain/roles";
import { roleSettings } from "../auth/principal.js";
import type { Logger } from "../logging.js";
import { TableJobStore, type JobStore } from "../storage/dispatch-jobs.js";
import { TableDeliveryStore, type DeliveryStore } from "../storage/deliveries.js";
import type { StorageAccount } from "../storage/client.js";
import type { Stores } from "../storage/index.js";
import { TableLeaseStore, type LeaseStore } from "../storage/leases.js";
import { QUEUES, storageQueue, type MessageQueue } from "../storage/queues.js";
import { Dispatcher } from "../dispatch/dispatcher.js";
import {
  DEFAULT_DISPATCHER_OPTIONS,
  newInstanceId,
  type DispatcherOptions,
} from "../dispatch/dispatcher-options.js";
import { JobRunner } from "../dispatch/jobs.js";
import { RoundService } from "./lifecycle.js";
import { ProgressService } from "./progress.js";
import { ReachService } from "./reach.js";
import { EscalationLists } from "../dispatch/escalations.js";
import { Outbox } from "../dispatch/outbox.js";
import { graphBudgetMs, Installs, type AppInstaller } from "../dispatch/installs.js";
import type { DirectoryLookup } from "../register/directory.js";
import { Scheduler } from "../dispatch/scheduler.js";
import type { MessageSender } from "../dispatch/sender.js";
import { CachedGoalsRegister } from "../storage/register-cache.js";
import { SharedThrottle } from "../dispatch/throttle.js";

/** How stale the goals behind a proactive card may be. */
const OUTBOX_GOALS_CACHE_MS = 10_000;

export interface RoundMachinery {
  instanceId: string;
  service: RoundService;
  progress: ProgressService;
  /** Who of a round's recipients can be reached, and installing the app for them ahead. */
  reach: ReachService;
  throttle: SharedThrottle;
  /** Prepares and sends one person's message; undefined without a sender. */
  outbox?: Outbox;
  /** Installs the app for people the bot has not met; undefined without Microsoft Graph. */
  installs?: Installs;
  /** Undefined when this instance does not send (DISPATCH_WORKERS=0 or no sender). */
  dispatcher?: Dispatcher;
  scheduler: Scheduler;
  runner: JobRunner;
  deliveries: DeliveryStore;
  jobs: JobStore;
  leases: LeaseStore;
  queue: MessageQueue;
  poison: MessageQueue;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Queue health for /api/health: backlog and poison count. */
  health(): Promise<{ backlog: number; poison: number }>;
}

export interface MachineryDeps {
  config: Config;
  account: StorageAccount;
  stores: Stores;
  sender?: MessageSender;
  /** Microsoft Graph (graph/): people the bot has not met get the app installed before their message. */
  graph?: { installer: AppInstaller; directory: DirectoryLookup };
  logger: Logger;
  /** Overrides for tests (small timeouts, a seeded random source). */
  dispatcher?: Partial<Omit<DispatcherOptions, "instanceId">>;
}

export async function createRoundMachinery(deps: MachineryDeps): Promise<RoundMachinery> {
  const { config, account, stores, logger } = deps;
  const instanceId = config.DISPATCH_INSTANCE_ID ?? newInstanceId();
  const log = logger.child({ instance: instanceId });
  const deliveries = new TableDeliveryStore(account);
  const jobs = new TableJobStore(account);
  const leases = new TableLeaseStore(account);
  const queue = storageQueue(account, QUEUES.dispatch);
  const poison = storageQueue(account, QUEUES.poison);
  await Promise.all([queue.ensure(), poison.ensure()]);

  const throttle = new SharedThrottle(
    leases,
    {
      instanceId,
      limitPerSecond: config.TEAMS_RATE_LIMIT_PER_SECOND,
      heartbeatMs: config.DISPATCH_HEARTBEAT_MS,
      flagPollMs: config.DISPATCH_FLAG_POLL_MS,
    },
    log,
  );

  const tenantId = config.BOT_TENANT_ID ?? config.AAD_APP_TENANT_ID;
  const roles = roleSettings(config);
  const adminIds = async (): Promise<string[]> =>
    adminsOf(await stores.register.people(), roles).map((p) => p.id);

  let dispatcher: Dispatcher | undefined;
  const runner = new JobRunner(
    { jobs, deliveries, queue, stores, adminIds, logger: log, onQueued: () => dispatcher?.nudge() },
    { instanceId, leaseMs: 60_000, enqueueConcurrency: 16 },
  );
  const progress = new ProgressService({ stores, deliveries, jobs, throttle });
  const service = new RoundService({
    stores,
    deliveries,
    runner,
    resume: () => throttle.resume(),
    changed: (id) => progress.invalidate(id),
  });
  const installs = deps.graph
    ? new Installs({
        installer: deps.graph.installer,
        directory: deps.graph.directory,
        conversations: stores.conversations,
        botId: config.BOT_ID ? `28:${config.BOT_ID}` : "28:goal-forecast",
        budgetMs: graphBudgetMs(config.DISPATCH_SEND_TIMEOUT_MS, config.TEAMS_REQUEST_TIMEOUT_MS),
        logger: log.child({ module: "installs" }),
      })
    : undefined;
  // The outbox prepares each message: the goals behind a card may be this stale (a register edit
  // shows in cards after it), so a round's check-ins do not read the year's goals once each.
  const outbox = deps.sender
    ? new Outbox({
        stores: { ...stores, register: new CachedGoalsRegister(stores.register, OUTBOX_GOALS_CACHE_MS) },
        sender: deps.sender,
        escalations: new EscalationLists(stores, adminIds),
        ...(installs ? { installs } : {}),
        defaults: {
          serviceUrl: config.TEAMS_SERVICE_URL,
          ...(tenantId ? { tenantId } : {}),
        },
        logger: log.child({ module: "outbox" }),
      })
    : undefined;
  const reach = new ReachService({
    stores,
    ...(outbox ? { outbox } : {}),
    ...(deps.graph ? { directory: deps.graph.directory } : {}),
  });
  if (outbox && config.DISPATCH_WORKERS > 0) {
    dispatcher = new Dispatcher(
      {
        queue,
        poison,
        deliveries,
        rounds: stores.rounds,
        outbox,
        throttle,
        audit: stores.audit,
        logger: log,
      },
      {
        ...DEFAULT_DISPATCHER_OPTIONS,
        instanceId,
        concurrency: config.DISPATCH_WORKERS,
        maxAttempts: config.DISPATCH_MAX_ATTEMPTS,
        visibilitySeconds: config.DISPATCH_VISIBILITY_SECONDS,
        sendTimeoutMs: config.DISPATCH_SEND_TIMEOUT_MS,
        idlePollMs: config.DISPATCH_IDLE_POLL_MS,
        backoff: { baseMs: config.DISPATCH_RETRY_BASE_MS, maxMs: config.DISPATCH_RETRY_MAX_MS },
        haltMs: config.DISPATCH_HALT_SECONDS * 1000,
        ...deps.dispatcher,
      },
    );
  } else if (config.DISPATCH_WORKERS > 0) {
    log.warn("no message sender configured: this instance queues but does not send");
  }
  const scheduler = new Scheduler(
    { rounds: stores.rounds, leases, runner, logger: log },
    { instanceId, intervalMs: Math.max(1, config.SCHEDULER_INTERVAL_SECONDS) * 1000 },
  );

  return {
    instanceId,
    service,
    progress,
    reach,
    throttle,
    ...(outbox ? { outbox } : {}),
    ...(installs ? { installs } : {}),
    ...(dispatcher ? { dispatcher } : {}),
    scheduler,
    runner,
    deliveries,
    jobs,
    leases,
    queue,
    poison,
    async start() {
      if (dispatcher) {
        await throttle.start();
        dispatcher.start();
      }
      if (config.SCHEDULER_INTERVAL_SECONDS > 0) scheduler.start();
    },
    async stop() {
      await scheduler.stop();
      await runner.idle();
      if (dispatcher) {
        await dispatcher.stop();
        await throttle.stop();
      }
    },
    async health() {
      const [backlog, poisoned] = await Promise.all([queue.approximateCount(), poison.approximateCount()]);
      return { backlog, poison: poisoned };
    },
  };
}
