// What every sending instance shares through storage (table "leases"):
// - membership: each instance heartbeats a row; the tenant's limit is split between the live ones,
//   so N instances together stay under 50 requests/s;
// - the "throttled until" flag: a 429 anywhere pauses every instance until its Retry-After has passed;
// - the "halted until" flag: a 401 (the bot's credentials refused) stops sending everywhere for a
//   while, instead of burning through the whole round with failures; an admin's resend lifts it.
// Flags are polled a few times a second (one small partition query); the instance that got the 429
// pauses at once, the others within one poll.
import type { Logger } from "../logging.js";
import type { Flag, LeaseStore } from "../storage/leases.js";

export const THROTTLE_FLAG = "teams-throttled";
export const HALT_FLAG = "teams-halted";

export interface SharedThrottleOptions {
  instanceId: string;
  /** The tenant's limit for the whole app, requests per second (Teams: 50). */
  limitPerSecond: number;
  heartbeatMs: number;
  flagPollMs: number;
  now?: () => number;
}

export interface ThrottleStatus {
  instances: number;
  share: number;
  pausedUntil: number;
  reason?: string;
}

export class SharedThrottle {
  private instances: string[] = [];
  private shared: Flag[] = [];
  private localUntil = 0;
  private localReason: string | undefined;
  private timers: NodeJS.Timeout[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly now: () => number;
  private joinedAt = 0;

  constructor(
    private readonly leases: LeaseStore,
    private readonly options: SharedThrottleOptions,
    private readonly logger: Logger,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Joins the membership and reads the flags once before any send. */
  async start(): Promise<void> {
    await this.heartbeat();
    await this.readFlags();
    this.joinedAt = this.now();
    this.timers.push(
      setInterval(() => void this.heartbeat().catch(this.warn("heartbeat")), this.options.heartbeatMs),
    );
    this.timers.push(
      setInterval(() => void this.readFlags().catch(this.warn("flags")), this.options.flagPollMs),
    );
    for (const t of this.timers) t.unref();
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await this.leases.removeInstance(this.options.instanceId).catch(this.warn("leave"));
  }

  /** Called when budget or pause changed (the pacer re-evaluates). */
  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  /**
   * This instance's requests per second: the limit split by rank among the live instances (the first
   * `limit mod n` get one more). A newly joined instance waits one heartbeat first, so the others have
   * seen it and shrunk their shares before it adds its own.
   */
  budget(): number {
    const limit = Math.floor(this.options.limitPerSecond);
    if (this.now() - this.joinedAt < this.options.heartbeatMs && this.instances.length > 1) return 0;
    const n = Math.max(1, this.instances.length);
    const rank = Math.max(0, this.instances.indexOf(this.options.instanceId));
    return Math.floor(limit / n) + (rank < limit % n ? 1 : 0);
  }

  pausedUntil(): number {
    return Math.max(this.localUntil, ...this.shared.map((f) => f.until));
  }

  status(): ThrottleStatus {
    const until = this.pausedUntil();
    const status: ThrottleStatus = {
      instances: Math.max(1, this.instances.length),
      share: this.budget(),
      pausedUntil: until,
    };
    if (until > this.now()) {
      const flag = [...this.shared].sort((a, b) => b.until - a.until)[0];
      const reason = flag && flag.until >= this.localUntil ? flag.reason : this.localReason;
      if (reason) status.reason = reason;
    }
    return status;
  }

  /** A 429: pause here at once and everywhere through storage. */
  async throttled(forMs: number): Promise<void> {
    await this.raise(THROTTLE_FLAG, "throttled", forMs);
  }

  /** A 401: stop sending everywhere for `forMs` (an admin's resend lifts it earlier). */
  async halt(reason: string, forMs: number): Promise<void> {
    await this.raise(HALT_FLAG, reason, forMs);
  }

  /** Lifts the throttle and the halt (an admin's resend). */
  async resume(): Promise<void> {
    this.localUntil = 0;
    this.localReason = undefined;
    await Promise.all([this.leases.clearFlag(THROTTLE_FLAG), this.leases.clearFlag(HALT_FLAG)]);
    this.shared = [];
    this.changed();
  }

  /** Reads membership and flags now (tests; otherwise the timers do it). */
  async refresh(): Promise<void> {
    await Promise.all([this.heartbeat(), this.readFlags()]);
  }

  private async raise(name: string, reason: string, forMs: number): Promise<void> {
    const until = this.now() + Math.max(0, forMs);
    if (until > this.localUntil) {
      this.localUntil = until;
      this.localReason = reason;
      this.changed();
    }
    await this.leases
      .raiseFlag({ name, until, reason, by: this.options.instanceId, at: this.now() })
      .catch(this.warn("raise flag"));
  }

  private async heartbeat(): Promise<void> {
    await this.leases.heartbeat(this.options.instanceId, this.options.heartbeatMs * 3, this.now());
    const instances = await this.leases.activeInstances(this.now());
    if (!instances.includes(this.options.instanceId)) instances.push(this.options.instanceId);
    instances.sort();
    const before = this.instances.join();
    this.instances = instances;
    if (before !== instances.join()) this.changed();
  }

  private async readFlags(): Promise<void> {
    const flags = (await this.leases.flags()).filter((f) => f.name === THROTTLE_FLAG || f.name === HALT_FLAG);
    const before = this.pausedUntil();
    this.shared = flags;
    if (this.pausedUntil() !== before) this.changed();
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  private warn(what: string) {
    return (error: unknown): void => {
      this.logger.warn(
        { err: error instanceof Error ? error.message : String(error), what },
        "shared throttle",
      );
    };
  }
}
