// The worker that turns queue messages into Teams messages, in every server instance.
//
// One queue message names one delivery row. The row, not the message, says what to do, and every
// change of the row is ETag-guarded:
//   queued ──claim──► sending ──answer──► sent | unreachable | failed, or back to queued (retry later)
// - a message whose row is already final is a duplicate (redelivered, or queued twice): deleted, no send;
// - a row left in "sending" past its claim means a worker died mid-send: it may or may not have reached
//   Teams, so it becomes "inDoubt" and is reported, never resent by itself;
// - retries keep the same message, hidden for the backoff delay (visibility timeout), so a crash while
//   waiting loses nothing;
// - a message that cannot be read, or keeps coming back, goes to the poison queue with its reason.
import type { Round } from "@goal-forecast/core/domain/model";
import { FINAL_STATES } from "@goal-forecast/core/domain/delivery";
import type { Delivery } from "../storage/deliveries.js";
import { ConflictError } from "../storage/errors.js";
import type { QueuedMessage } from "../storage/queues.js";
import { DeliveryRows } from "./delivery-row.js";
import type { DispatcherDeps, DispatcherOptions, DispatcherStats } from "./dispatcher-options.js";
import { decodeMessage, type DispatchMessage } from "./messages.js";
import { decide, type Decision } from "./outcomes.js";
import { ConversationPacer, PacerClosedError, TenantPacer, type Permit } from "./pacing.js";
import { CHECKIN_BATCH } from "./schedule.js";
import type { SendRequest } from "./outbox.js";
import { moveToPoison } from "./poison.js";
import type { SendOutcome } from "./sender.js";
import { delay, withTimeout } from "./timing.js";

const ROUND_CACHE_MS = 2000;
const FIRST_IDLE_POLL_MS = 25;

export class Dispatcher {
  readonly pacer: TenantPacer;
  readonly conversations: ConversationPacer;
  readonly stats: DispatcherStats = {
    received: 0,
    sent: 0,
    retried: 0,
    failed: 0,
    unreachable: 0,
    inDoubt: 0,
    skipped: 0,
    poisoned: 0,
    throttled: 0,
    pausedPolls: 0,
  };
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly active = new Set<Promise<void>>();
  private readonly roundCache = new Map<string, { round: Round | undefined; at: number }>();
  private wake: (() => void) | undefined;
  private readonly random: () => number;
  private halted = false;
  private sweeper: NodeJS.Timeout | undefined;
  private readonly rows: DeliveryRows;

  constructor(
    private readonly deps: DispatcherDeps,
    private readonly options: DispatcherOptions,
  ) {
    this.random = options.random ?? Math.random;
    this.rows = new DeliveryRows(deps.deliveries, deps.logger);
    this.pacer = new TenantPacer({
      windowMs: options.windowMs ?? 1000,
      budget: () => deps.throttle.budget(),
      pausedUntil: () => deps.throttle.pausedUntil(),
    });
    this.conversations = new ConversationPacer(options.conversationLimits);
    deps.throttle.onChange(() => {
      this.pacer.poke();
      this.wake?.();
    });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run().catch((error: unknown) => {
      this.deps.logger.error({ err: error }, "dispatcher loop stopped");
    });
    this.sweeper = setInterval(() => this.conversations.sweep(), 60_000);
    this.sweeper.unref();
  }

  /** Stops receiving; waiting messages are handed back to the queue, running sends finish. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    if (this.sweeper) clearInterval(this.sweeper);
    this.pacer.close();
    this.wake?.();
    await this.loop;
    await Promise.allSettled([...this.active]);
  }

  /** Polls the queue now instead of after the idle wait (a job just queued messages). */
  nudge(): void {
    this.wake?.();
  }

  get busy(): number {
    return this.active.size;
  }

  private async run(): Promise<void> {
    let idle = FIRST_IDLE_POLL_MS;
    while (this.running) {
      const free = this.options.concurrency - this.active.size;
      if (free <= 0) {
        await Promise.race(this.active);
        continue;
      }
      // While paused, leave the messages in the queue rather than holding them here.
      const pausedFor = this.deps.throttle.pausedUntil() - Date.now();
      if (pausedFor > 0 && this.active.size === 0) {
        this.stats.pausedPolls += 1;
        await this.sleep(Math.min(pausedFor, this.options.idlePollMs));
        continue;
      }
      let messages: QueuedMessage[];
      try {
        messages = await this.deps.queue.receive(free, this.options.visibilitySeconds);
      } catch (error) {
        this.deps.logger.warn({ err: (error as Error).message }, "dispatch queue not reachable");
        await this.sleep(this.options.idlePollMs);
        continue;
      }
      if (messages.length === 0) {
        await this.sleep(idle);
        idle = Math.min(idle * 2, this.options.idlePollMs);
        continue;
      }
      idle = FIRST_IDLE_POLL_MS;
      for (const message of messages) {
        this.stats.received += 1;
        const task: Promise<void> = this.handle(message)
          .catch((error: unknown) => {
            // Storage trouble mid-way: the message stays hidden and comes back after its visibility
            // timeout; the row's state decides what happens then. Nothing is lost.
            this.deps.logger.warn({ err: (error as Error).message, message: message.id }, "dispatch failed");
          })
          .finally(() => this.active.delete(task));
        this.active.add(task);
      }
    }
  }

  /** Handles one message end to end. Exposed for tests (the same message twice → one send). */
  async handle(message: QueuedMessage): Promise<void> {
    const decoded = decodeMessage(message.text);
    if (!decoded.ok) return this.toPoison(message, decoded.reason);
    const m = decoded.message;
    if (message.dequeueCount > this.options.poisonAfterDequeues)
      return this.toPoison(message, "deliveredTooOften", m);

    let row = await this.rows.get(m);
    if (!row) return this.toPoison(message, "noDeliveryRow", m);
    const now = Date.now();
    if (FINAL_STATES.has(row.state)) {
      this.stats.skipped += 1;
      return this.deps.queue.delete(message);
    }
    if (row.state === "sending") {
      if ((row.claimUntil ?? 0) > now) {
        // Another worker is sending it right now (a duplicate message): look again after its claim.
        await this.deps.queue.defer(message, ((row.claimUntil ?? now) - now) / 1000 + 1);
        return;
      }
      // Its sender died mid-send: it may have reached the person. Report it, do not resend.
      this.stats.inDoubt += 1;
      await this.rows.finish(row, { state: "inDoubt", reason: "interrupted" });
      return this.deps.queue.delete(message);
    }
    if (row.notBefore !== undefined && row.notBefore > now + 1000) {
      // A duplicate message must not skip the row's backoff.
      await this.deps.queue.defer(message, (row.notBefore - now) / 1000);
      return;
    }

    const round = await this.round(m.roundId);
    if (!round || round.state !== "open") {
      await this.rows.finish(row, { state: "failed", reason: "roundNotOpen" });
      return this.deps.queue.delete(message);
    }

    const convWait = this.conversations.delayFor(m.personId);
    if (convWait > 2000) {
      await this.deps.queue.defer(message, convWait / 1000);
      return;
    }
    if (convWait > 0) await delay(convWait);

    let permit: Permit;
    try {
      permit = await this.pacer.acquire();
    } catch (error) {
      if (error instanceof PacerClosedError) {
        await this.deps.queue.defer(message, 0); // stopping: let another instance take it now
        return;
      }
      throw error;
    }
    let claimed: Delivery;
    try {
      // Waiting for a slot may have taken long: keep the message hidden for the send that follows.
      if (message.visibleAt - Date.now() < this.options.sendTimeoutMs + 10_000) {
        if (!(await this.deps.queue.defer(message, this.options.visibilitySeconds))) {
          permit.cancel(); // someone else holds the message now
          return;
        }
      }
      claimed = await this.rows.claim(row, this.options.instanceId, this.options.sendTimeoutMs + 5000);
    } catch (error) {
      permit.cancel();
      if (error instanceof ConflictError) {
        // Another worker changed the row meanwhile: decide again on its next delivery.
        await this.deps.queue.defer(message, 1);
        return;
      }
      throw error;
    }
    row = claimed;

    this.conversations.begin(m.personId);
    let outcome: SendOutcome | "timeout";
    let requests = 1;
    const sending = this.send(m, row, round);
    try {
      outcome = await withTimeout(sending, this.options.sendTimeoutMs);
      requests = outcome === "timeout" ? 1 : (outcome.requests ?? 1);
    } finally {
      permit.release(requests);
      this.conversations.end(m.personId, requests);
    }

    if (outcome === "timeout") {
      this.stats.inDoubt += 1;
      const doubtful = await this.rows.finish(row, { state: "inDoubt", reason: "timeout" });
      await this.deps.queue.delete(message);
      // If the answer comes after all, record what really happened.
      void sending.then(
        (late) => (late.kind === "sent" && doubtful ? this.rows.recordLate(doubtful, late) : undefined),
        () => undefined,
      );
      return;
    }
    await this.apply(message, row, decide(outcome, row.attempts, this.options, this.random), outcome);
  }

  private async send(m: DispatchMessage, row: Delivery, round: Round): Promise<SendOutcome> {
    const request: SendRequest = { round, personId: m.personId, kind: row.kind };
    if (row.kind === "reminder") {
      if (row.daysLeft !== undefined) request.daysLeft = row.daysLeft;
      // Update the person's check-in where it reached them, rather than posting another message.
      const checkin = await this.deps.deliveries.get(m.roundId, CHECKIN_BATCH, m.personId);
      if (checkin?.state === "sent" && checkin.activityId && checkin.conversationId)
        request.update = { activityId: checkin.activityId, conversationId: checkin.conversationId };
    }
    try {
      return await this.deps.outbox.send(request);
    } catch (error) {
      // Storage failed before the send, or a bug: treated as a transient failure, retried.
      return { kind: "transient", detail: error instanceof Error ? error.message : String(error) };
    }
  }

  private async apply(
    message: QueuedMessage,
    row: Delivery,
    decision: Decision,
    outcome: SendOutcome,
  ): Promise<void> {
    const now = Date.now();
    switch (decision.action) {
      case "sent":
        this.stats.sent += 1;
        await this.rows.finish(row, {
          state: "sent",
          activityId: decision.activityId,
          conversationId: decision.conversationId,
          sentAt: new Date(now).toISOString(),
        });
        return this.deps.queue.delete(message);
      case "final":
        if (decision.state === "failed") this.stats.failed += 1;
        else this.stats.unreachable += 1;
        await this.rows.finish(row, {
          state: decision.state,
          reason: decision.reason,
          ...(decision.detail ? { detail: decision.detail } : {}),
        });
        return this.deps.queue.delete(message);
      case "retry":
        this.stats.retried += 1;
        if (decision.throttleMs !== undefined) {
          this.stats.throttled += 1;
          await this.deps.throttle.throttled(decision.throttleMs);
        }
        await this.rows.finish(row, {
          state: decision.state ?? "queued",
          reason: decision.reason,
          ...(decision.detail ? { detail: decision.detail } : {}),
          notBefore: now + decision.delayMs,
        });
        await this.deps.queue.defer(message, decision.delayMs / 1000);
        return;
      case "halt": {
        const first = !this.halted && this.deps.throttle.pausedUntil() <= now;
        this.halted = true;
        await this.deps.throttle.halt(decision.reason, this.options.haltMs);
        // Not the recipient's fault: the attempt does not count.
        await this.rows.finish(row, {
          state: "queued",
          attempts: Math.max(0, row.attempts - 1),
          reason: "unauthorized",
          detail: decision.detail,
          notBefore: now + this.options.haltMs,
        });
        await this.deps.queue.defer(message, this.options.haltMs / 1000);
        if (first) await this.alertHalt(row, outcome);
        return;
      }
    }
  }

  private async toPoison(message: QueuedMessage, reason: string, m?: DispatchMessage): Promise<void> {
    this.stats.poisoned += 1;
    await moveToPoison({ ...this.deps, rows: this.rows }, message, reason, m);
  }

  private async alertHalt(row: Delivery, outcome: SendOutcome): Promise<void> {
    const detail = outcome.kind === "unauthorized" ? outcome.detail : "";
    this.deps.logger.error(
      { round: row.roundId, detail },
      "Teams refused the bot's credentials (401): sending is halted; fix BOT_ID/BOT_PASSWORD or the managed identity, then resend",
    );
    await this.deps.audit
      ?.append({
        at: new Date().toISOString(),
        by: "system",
        action: "dispatch.halted",
        target: `round:${row.roundId}`,
        details: { reason: "unauthorized", detail: detail.slice(0, 300), haltMs: this.options.haltMs },
      })
      .catch(() => undefined);
  }

  private async round(id: string): Promise<Round | undefined> {
    const cached = this.roundCache.get(id);
    if (cached && Date.now() - cached.at < ROUND_CACHE_MS) return cached.round;
    const round = await this.deps.rounds.get(id);
    this.roundCache.set(id, { round, at: Date.now() });
    return round;
  }

  /** The loop's wait: ends early on nudge(), a throttle change or stop(). */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        if (this.wake === done) this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      this.wake = done;
    });
  }
}
