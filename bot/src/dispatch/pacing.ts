// Pacing of sends at Teams' limits.
//
// TenantPacer: at most `budget` requests in any sliding window of `windowMs` (1 s) as the service counts
// them. The service counts a request when it arrives, which is somewhere between our start and the
// answer; so a request occupies the window from its start until `windowMs` after its answer came back.
// With that rule no window at the service can hold more than `budget` requests, however much the
// latency varies (a plain token bucket would let late requests bunch up and draw 429s), and on a fast
// link it still reaches ~98% of the limit. Sends wait in FIFO order, and not at all while paused
// (a 429's Retry-After, shared by every instance through the SharedThrottle).
//
// ConversationPacer: the per-conversation windows (7/1 s, 8/2 s, 60/30 s, 1,800/h), same rule.

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface Permit {
  /** The request is done (answered or failed); `requests` > 1 when the send made several calls. */
  release(requests?: number): void;
  /** The permit was not used (nothing was sent). */
  cancel(): void;
}

export interface TenantPacerOptions {
  windowMs: number;
  /** Requests this instance may make per window (its share of the tenant's limit); read on every grant. */
  budget: () => number;
  /** Epoch ms before which nothing may be sent (throttled or halted); read on every grant. */
  pausedUntil: () => number;
  timers?: Timers;
}

interface Waiter {
  resolve: (permit: Permit) => void;
  reject: (error: Error) => void;
}

export class PacerClosedError extends Error {
  constructor() {
    super("pacer closed");
    this.name = "PacerClosedError";
  }
}

export class TenantPacer {
  private inFlight = 0;
  /** When each finished request stops counting, minus windowMs (ascending). */
  private readonly ends: number[] = [];
  private readonly waiters: Waiter[] = [];
  private timer: unknown;
  private timerAt = Number.POSITIVE_INFINITY;
  private closed = false;
  private readonly timers: Timers;
  /** Requests granted so far (for status and tests). */
  granted = 0;

  constructor(private readonly options: TenantPacerOptions) {
    this.timers = options.timers ?? realTimers;
  }

  /** Waits for a slot in the window; rejects with PacerClosedError when the pacer is closed. */
  acquire(): Promise<Permit> {
    if (this.closed) return Promise.reject(new PacerClosedError());
    return new Promise<Permit>((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.pump();
    });
  }

  /** How many sends are waiting for a slot. */
  get waiting(): number {
    return this.waiters.length;
  }

  /** Re-evaluates after the budget or the pause changed. */
  poke(): void {
    this.pump();
  }

  close(): void {
    this.closed = true;
    this.clearTimer();
    for (const w of this.waiters.splice(0)) w.reject(new PacerClosedError());
  }

  private pump(): void {
    while (this.waiters.length > 0 && !this.closed) {
      const now = this.timers.now();
      while (this.ends.length > 0 && this.ends[0]! <= now - this.options.windowMs) this.ends.shift();
      const paused = this.options.pausedUntil();
      if (paused > now) return this.wakeAt(paused);
      const budget = Math.max(0, Math.floor(this.options.budget()));
      if (this.inFlight + this.ends.length >= budget) {
        // Full: a finished request leaves the window at ends[0] + windowMs; a running one calls pump().
        if (this.ends.length > 0) this.wakeAt(this.ends[0]! + this.options.windowMs + 1);
        else if (budget === 0) this.wakeAt(now + 1000);
        return;
      }
      const waiter = this.waiters.shift()!;
      this.inFlight += 1;
      this.granted += 1;
      waiter.resolve(this.permit());
    }
  }

  private permit(): Permit {
    let done = false;
    return {
      release: (requests = 1) => {
        if (done) return;
        done = true;
        this.inFlight -= 1;
        const end = this.timers.now();
        for (let i = 0; i < Math.max(1, requests); i++) this.ends.push(end);
        this.pump();
      },
      cancel: () => {
        if (done) return;
        done = true;
        this.inFlight -= 1;
        this.pump();
      },
    };
  }

  private wakeAt(at: number): void {
    if (this.timer !== undefined && this.timerAt <= at) return;
    this.clearTimer();
    this.timerAt = at;
    this.timer = this.timers.setTimeout(
      () => {
        this.timer = undefined;
        this.timerAt = Number.POSITIVE_INFINITY;
        this.pump();
      },
      Math.max(0, at - this.timers.now()),
    );
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
  }
}

/** Teams' per-conversation limits: [requests, window ms]. */
export const CONVERSATION_LIMITS: readonly (readonly [number, number])[] = [
  [7, 1000],
  [8, 2000],
  [60, 30_000],
  [1800, 3_600_000],
];

/**
 * Per-conversation pacing (keyed by person: one bot, one 1:1 chat). Tracks starts in flight and finish
 * times, like TenantPacer; the dispatcher asks how long to wait before it takes a tenant slot.
 */
export class ConversationPacer {
  private readonly running = new Map<string, number>();
  private readonly history = new Map<string, number[]>();
  private readonly longest: number;

  constructor(
    private readonly limits: readonly (readonly [number, number])[] = CONVERSATION_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    this.longest = Math.max(...limits.map(([, ms]) => ms));
  }

  /** Milliseconds until one more request to this conversation fits every window (0 = now). */
  delayFor(key: string): number {
    const now = this.now();
    const ends = this.prune(key, now);
    const running = this.running.get(key) ?? 0;
    let wait = 0;
    for (const [count, ms] of this.limits) {
      const inWindow = ends.filter((t) => t > now - ms);
      const excess = inWindow.length + running - count + 1;
      if (excess <= 0) continue;
      // The `excess`-th oldest finished request has to leave the window first; running ones: unknown, poll.
      const leaving = inWindow[excess - 1];
      wait = Math.max(wait, leaving !== undefined ? leaving + ms - now + 1 : 50);
    }
    return wait;
  }

  begin(key: string): void {
    this.running.set(key, (this.running.get(key) ?? 0) + 1);
  }

  end(key: string, requests = 1): void {
    const left = (this.running.get(key) ?? 1) - 1;
    if (left > 0) this.running.set(key, left);
    else this.running.delete(key);
    const list = this.history.get(key) ?? [];
    const at = this.now();
    for (let i = 0; i < Math.max(1, requests); i++) list.push(at);
    this.history.set(key, list);
  }

  /** Conversations tracked (memory stays bounded: entries older than the longest window are dropped). */
  get size(): number {
    return this.history.size;
  }

  private prune(key: string, now: number): number[] {
    const list = this.history.get(key);
    if (!list) return [];
    while (list.length > 0 && list[0]! <= now - this.longest) list.shift();
    if (list.length === 0) this.history.delete(key);
    return list;
  }

  /** Drops every conversation whose history has left all windows (called now and then). */
  sweep(): void {
    const now = this.now();
    for (const key of [...this.history.keys()]) this.prune(key, now);
  }
}
