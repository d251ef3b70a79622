// Helpers for the round machinery's tests: an instance of the machinery (dispatcher, scheduler, jobs)
// on the shared test Azurite, with small timeouts; a scripted MessageSender for the dispatcher's own
// decisions (the connector tests use the real botbuilder sender); and waiting for a condition.
import { loadConfig } from "../../bot/src/config.js";
import { createLogger, type Logger } from "../../bot/src/logging.js";
import type { DispatcherOptions } from "../../bot/src/dispatch/dispatcher-options.js";
import { createRoundMachinery, type RoundMachinery } from "../../bot/src/rounds/machinery.js";
import type { MessageSender, OutgoingMessage, SendOutcome } from "../../bot/src/dispatch/sender.js";
import type { StorageAccount } from "../../bot/src/storage/client.js";
import type { Stores } from "../../bot/src/storage/index.js";
import { testConnectionString } from "./storage.js";

/** Settings that keep tests fast: quick polls and heartbeats, no waiting between retries, no timer-driven scheduler. */
export const FAST_DISPATCH_ENV: Record<string, string> = {
  DISPATCH_IDLE_POLL_MS: "40",
  DISPATCH_HEARTBEAT_MS: "150",
  DISPATCH_FLAG_POLL_MS: "40",
  DISPATCH_RETRY_BASE_MS: "0",
  DISPATCH_RETRY_MAX_MS: "0",
  DISPATCH_VISIBILITY_SECONDS: "30",
  DISPATCH_MAX_ATTEMPTS: "3",
  SCHEDULER_INTERVAL_SECONDS: "0",
};

export function quietLogger(): Logger {
  return createLogger({ level: process.env.TEST_LOG_LEVEL ?? "silent", pretty: false });
}

/** One server instance's round machinery (without HTTP), started; stop() it in an after hook. */
export async function startRoundsInstance(
  account: StorageAccount,
  stores: Stores,
  sender: MessageSender | undefined,
  env: Record<string, string> = {},
  dispatcher: Partial<Omit<DispatcherOptions, "instanceId">> = {},
): Promise<RoundMachinery> {
  const config = loadConfig({
    APP_MODE: "development",
    AZURE_STORAGE_CONNECTION_STRING: testConnectionString(),
    STORAGE_PREFIX: account.settings.prefix,
    ...FAST_DISPATCH_ENV,
    ...env,
  });
  const machinery = await createRoundMachinery({
    config,
    account,
    stores,
    logger: quietLogger(),
    ...(sender ? { sender } : {}),
    dispatcher: { random: () => 0.5, ...dispatcher },
  });
  await machinery.start();
  return machinery;
}

export type Script = (message: OutgoingMessage, attempt: number) => SendOutcome | Promise<SendOutcome>;

/** A MessageSender that answers as told and records every message the outbox prepared. */
export class ScriptedSender implements MessageSender {
  readonly calls: OutgoingMessage[] = [];
  private readonly attempts = new Map<string, number>();
  constructor(public script: Script = () => sentOutcome()) {}

  async send(message: OutgoingMessage): Promise<SendOutcome> {
    this.calls.push(message);
    const key = `${message.roundId}|${message.kind}|${message.to.personId}`;
    const attempt = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.set(key, attempt);
    return this.script(message, attempt);
  }

  /** How many sends each person got (of a kind). */
  countsByPerson(kind?: OutgoingMessage["kind"]): Map<string, number> {
    const counts = new Map<string, number>();
    for (const c of this.calls)
      if (!kind || c.kind === kind) counts.set(c.to.personId, (counts.get(c.to.personId) ?? 0) + 1);
    return counts;
  }
}

let sends = 0;
/** A successful send's outcome, with a new activity id each time. */
export function sentOutcome(): SendOutcome {
  sends += 1;
  return { kind: "sent", activityId: `act-${sends}`, conversationId: "conv", updated: false };
}

/** Waits until `condition` holds (polling); fails with `what` after `timeoutMs`. Never decides an outcome by time. */
export async function until<T>(
  condition: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ""}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
