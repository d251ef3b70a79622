// What a dispatcher is given: its collaborators (storage, the outbox, the shared throttle), its
// settings with the defaults every instance runs with, and the counters it keeps for tests and benches.
import { randomUUID } from "node:crypto";
import type { Logger } from "../logging.js";
import type { AuditLog } from "../storage/audit.js";
import type { DeliveryStore } from "../storage/deliveries.js";
import type { MessageQueue } from "../storage/queues.js";
import type { RoundStore } from "../storage/rounds.js";
import { DEFAULT_BACKOFF, type BackoffPolicy } from "./backoff.js";
import type { Outbox } from "./outbox.js";

/** What the dispatcher needs from the shared throttle (SharedThrottle, or a stand-in in unit tests). */
export interface Throttle {
  budget(): number;
  pausedUntil(): number;
  throttled(forMs: number): Promise<void>;
  halt(reason: string, forMs: number): Promise<void>;
  onChange(listener: () => void): void;
}

export interface DispatcherDeps {
  queue: MessageQueue;
  poison: MessageQueue;
  deliveries: DeliveryStore;
  rounds: Pick<RoundStore, "get">;
  /** Prepares and sends one person's message (the outbox; a stand-in in unit tests). */
  outbox: Pick<Outbox, "send">;
  throttle: Throttle;
  audit?: AuditLog;
  logger: Logger;
}

export interface DispatcherOptions {
  instanceId: string;
  /** Messages handled at once by this instance. */
  concurrency: number;
  /** How long a received message stays hidden from other instances. */
  visibilitySeconds: number;
  /** A send not answered by then is given up as "inDoubt" (it may have reached Teams). */
  sendTimeoutMs: number;
  maxAttempts: number;
  backoff: BackoffPolicy;
  /** Longest wait between polls of an empty queue. */
  idlePollMs: number;
  /** A message received this many times is poison whatever its row says. */
  poisonAfterDequeues: number;
  /** How long a 401 stops sending (unless an admin resends earlier). */
  haltMs: number;
  /** Sliding window of the tenant limit. */
  windowMs?: number;
  conversationLimits?: readonly (readonly [number, number])[];
  random?: () => number;
}

export const DEFAULT_DISPATCHER_OPTIONS: Omit<DispatcherOptions, "instanceId"> = {
  concurrency: 16,
  visibilitySeconds: 60,
  sendTimeoutMs: 20_000,
  maxAttempts: 6,
  backoff: DEFAULT_BACKOFF,
  idlePollMs: 1000,
  poisonAfterDequeues: 30,
  haltMs: 5 * 60_000,
};

export interface DispatcherStats {
  received: number;
  sent: number;
  retried: number;
  failed: number;
  unreachable: number;
  inDoubt: number;
  /** Messages whose row was already final: redeliveries and duplicates, deleted without a send. */
  skipped: number;
  poisoned: number;
  throttled: number;
  /** Times the loop left the queue alone because sending was paused (429 or 401 anywhere). */
  pausedPolls: number;
}

/** A name for this server instance in leases and claims. */
export function newInstanceId(): string {
  return `i-${randomUUID().slice(0, 12)}`;
}
