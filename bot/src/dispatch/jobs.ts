// Fan-out: a dispatch job writes one delivery row per recipient and queues one message per row.
// Rows are written before their messages, 100 at a time, so sending starts after the first hundred
// and a crash half way leaves nothing unaccounted: the job's lease runs out, another instance (or this
// one after restart) claims it and finishes it. A re-run queues again every row still "queued" — the
// dispatcher turns the resulting duplicate messages into no-ops, so nobody gets a message twice.
import { randomUUID } from "node:crypto";
import type { Round } from "@goal-forecast/core/domain/model";
import type { Logger } from "../logging.js";
import type { DispatchJob, JobStore } from "../storage/dispatch-jobs.js";
import type { Delivery, DeliveryStore, DeliverySummary } from "../storage/deliveries.js";
import { ConflictError } from "../storage/errors.js";
import type { Stores } from "../storage/index.js";
import type { MessageQueue } from "../storage/queues.js";
import { encodeMessage } from "./messages.js";
import {
  checkinRecipients,
  escalationTargets,
  unsubmittedRecipients,
} from "@goal-forecast/core/domain/recipients";

export interface JobRunnerDeps {
  jobs: JobStore;
  deliveries: DeliveryStore;
  queue: MessageQueue;
  stores: Pick<Stores, "register" | "rounds" | "reports">;
  /** People the escalation of reports without a manager goes to. */
  adminIds(): Promise<string[]>;
  /** Called when messages were queued (the local dispatcher polls at once). */
  onQueued?(): void;
  logger: Logger;
}

export interface JobRunnerOptions {
  instanceId: string;
  /** How long a claimed job stays with its holder without renewal. */
  leaseMs: number;
  /** Messages enqueued in parallel. */
  enqueueConcurrency: number;
}

export type JobSpec = Pick<DispatchJob, "id" | "roundId" | "batchId" | "kind" | "mode" | "createdBy"> &
  Partial<Pick<DispatchJob, "states" | "daysLeft">>;

const CHUNK = 100;

export class JobRunner {
  private chain: Promise<number> = Promise.resolve(0);

  constructor(
    private readonly deps: JobRunnerDeps,
    private readonly options: JobRunnerOptions,
  ) {}

  /** Writes the job (once: false if a job with this id exists). */
  async create(spec: JobSpec, now = new Date()): Promise<boolean> {
    return this.deps.jobs.create({ ...spec, state: "pending", runs: 0, createdAt: now.toISOString() });
  }

  /** Runs open jobs soon, in the background (errors are logged; the next tick retries). */
  kick(): void {
    void this.runPending().catch((error: unknown) => {
      this.deps.logger.warn(
        { err: (error as Error).message },
        "dispatch jobs failed; retried on the next tick",
      );
    });
  }

  /** Waits until no run is going on (tests and shutdown). */
  async idle(): Promise<void> {
    await this.chain.catch(() => undefined);
  }

  /**
   * Claims and runs every open job whose lease is free; returns how many it ran. Runs of one instance
   * are serialized (a kick during a run runs again after it), so an instance never races itself.
   */
  runPending(): Promise<number> {
    const next = this.chain.catch(() => 0).then(() => this.runOnce(Date.now()));
    this.chain = next;
    return next;
  }

  private async runOnce(now: number): Promise<number> {
    let ran = 0;
    for (const job of await this.deps.jobs.open()) {
      if (job.state === "running" && (job.leaseUntil ?? 0) > now) continue;
      const claimed = await this.claim(job, now);
      if (!claimed) continue;
      await this.run(claimed);
      ran += 1;
    }
    return ran;
  }

  private async claim(job: DispatchJob, now: number): Promise<DispatchJob | undefined> {
    try {
      return await this.deps.jobs.update({
        ...job,
        state: "running",
        holder: this.options.instanceId,
        leaseUntil: now + this.options.leaseMs,
        runs: job.runs + 1,
      });
    } catch (error) {
      if (error instanceof ConflictError) return undefined; // another instance took it
      throw error;
    }
  }

  private async run(job: DispatchJob): Promise<void> {
    let current = job;
    const renew = async (): Promise<void> => {
      if ((current.leaseUntil ?? 0) - Date.now() > this.options.leaseMs / 2) return;
      current = await this.deps.jobs.update({ ...current, leaseUntil: Date.now() + this.options.leaseMs });
    };
    try {
      const round = await this.deps.stores.rounds.get(job.roundId);
      if (!round || round.state !== "open") {
        await this.deps.jobs.update({
          ...current,
          state: "done",
          queued: 0,
          error: "roundNotOpen",
          finishedAt: new Date().toISOString(),
        });
        return;
      }
      const queued = await this.fanOut(current, round, renew);
      await this.deps.jobs.update({
        ...current,
        state: "done",
        queued,
        finishedAt: new Date().toISOString(),
      });
      this.deps.logger.info({ job: job.id, queued, run: job.runs }, "dispatch job done");
    } catch (error) {
      if (error instanceof ConflictError) {
        // Our lease was taken over (we were too slow): the new holder redoes the job; duplicates are harmless.
        this.deps.logger.warn({ job: job.id }, "dispatch job taken over by another instance");
        return;
      }
      throw error;
    }
  }

  private async fanOut(job: DispatchJob, round: Round, renew: () => Promise<void>): Promise<number> {
    const summaries = await this.deps.deliveries.summaries(round.id, job.batchId);
    const existing = new Map(summaries.map((r) => [r.personId, r.state]));
    const rerun = job.runs > 1;
    const now = new Date().toISOString();
    let queued = 0;

    if (job.mode === "states") {
      const states = new Set(job.states ?? []);
      // Rows waiting only because a 401 halted sending go again too: the admin's resend lifts the halt.
      const halted = (r: DeliverySummary) => r.state === "queued" && r.reason === "unauthorized";
      const targets = summaries
        .filter((r) => states.has(r.state) || halted(r) || (rerun && r.state === "queued"))
        .map((r) => r.personId);
      for (let i = 0; i < targets.length; i += CHUNK) {
        const chunk = targets.slice(i, i + CHUNK);
        const toQueue = await this.mapLimited(chunk, async (personId) => {
          const row = await this.deps.deliveries.get(round.id, job.batchId, personId);
          if (!row) return undefined;
          if (row.state === "queued" && row.reason !== "unauthorized") return rerun ? row : undefined;
          if (!states.has(row.state) && row.state !== "queued") return undefined;
          try {
            const reset: Delivery = {
              ...row,
              state: "queued",
              attempts: 0,
              queuedAt: now,
              updatedAt: now,
              resends: (row.resends ?? 0) + 1,
            };
            delete reset.reason;
            delete reset.detail;
            delete reset.notBefore;
            return await this.deps.deliveries.update(reset);
          } catch (error) {
            if (error instanceof ConflictError) return undefined;
            throw error;
          }
        });
        queued += await this.enqueue(toQueue.filter((r): r is Delivery => !!r));
        await renew();
      }
      return queued;
    }

    const [goals, reports] = await Promise.all([
      this.deps.stores.register.goals(round.year),
      this.deps.stores.reports.listByRound(round.id),
    ]);
    let targets: string[];
    if (job.mode === "recipients") targets = checkinRecipients(round, goals);
    else if (job.mode === "unsubmitted") targets = unsubmittedRecipients(round, goals, reports);
    else {
      const people = await this.deps.stores.register.people();
      targets = [...escalationTargets(round, goals, reports, people, await this.deps.adminIds()).keys()];
    }

    for (let i = 0; i < targets.length; i += CHUNK) {
      const chunk = targets.slice(i, i + CHUNK);
      const fresh: Delivery[] = chunk
        .filter((personId) => !existing.has(personId))
        .map((personId) => {
          const row: Delivery = {
            roundId: round.id,
            batchId: job.batchId,
            kind: job.kind,
            personId,
            state: "queued",
            attempts: 0,
            queuedAt: now,
            updatedAt: now,
          };
          if (job.daysLeft !== undefined) row.daysLeft = job.daysLeft;
          return row;
        });
      await this.deps.deliveries.insertMany(fresh);
      const again: Delivery[] = rerun
        ? chunk
            .filter((personId) => existing.get(personId) === "queued")
            .map((personId) => ({
              roundId: round.id,
              batchId: job.batchId,
              kind: job.kind,
              personId,
              state: "queued" as const,
              attempts: 0,
              queuedAt: now,
              updatedAt: now,
            }))
        : [];
      queued += await this.enqueue([...fresh, ...again]);
      await renew();
    }
    return queued;
  }

  private async enqueue(rows: Delivery[]): Promise<number> {
    await this.mapLimited(rows, (row) =>
      this.deps.queue.send(
        encodeMessage({ roundId: row.roundId, batchId: row.batchId, personId: row.personId, kind: row.kind }),
      ),
    );
    if (rows.length > 0) this.deps.onQueued?.();
    return rows.length;
  }

  private async mapLimited<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
    const out: R[] = new Array<R>(items.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(this.options.enqueueConcurrency, items.length) }, worker),
    );
    return out;
  }
}

/** A unique suffix for jobs an admin starts by hand (each "remind now" is its own batch). */
export function manualSuffix(now: Date): string {
  return `${now.toISOString().replace(/[-:.]/g, "").slice(0, 15)}-${randomUUID().slice(0, 6)}`;
}
