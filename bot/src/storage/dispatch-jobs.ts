// Dispatch jobs: "queue the check-in for everyone in round X", "remind those who have not submitted",
// "resend to the failed ones". A job is written before any of its work starts and is claimed with an
// ETag-guarded lease, so it is done once even with several instances, and finished by another instance
// if its holder dies half way. Deterministic ids (e.g. "2026-2|reminder-d7-202605311300") make the
// scheduler's "create if missing" the once-only switch for each reminder.
// Table "deliveries": PK "job", RK job id (no clash: delivery partitions always contain "|").
import type { TableClient } from "@azure/data-tables";
import type { DeliveryState, JobMode, MessageKind } from "@goal-forecast/core/domain/delivery";
import type { StorageAccount } from "./client.js";
import { TABLES } from "./client.js";
import { odataString, safeKey } from "./entity.js";
import { ConflictError, NotFoundError, translateStorageError } from "./errors.js";

export type JobState = "pending" | "running" | "done" | "failed";

export interface DispatchJob {
  id: string;
  roundId: string;
  /** Delivery batch the job fills (rows "<round>|<batch>"). */
  batchId: string;
  kind: MessageKind;
  mode: JobMode;
  /** For mode "states": which rows go back to the queue. */
  states?: DeliveryState[];
  /** For reminders: days left at the planned time. */
  daysLeft?: number;
  state: JobState;
  holder?: string;
  leaseUntil?: number;
  /** How many times a holder started it (more than one: taken over after a crash). */
  runs: number;
  /** Messages queued by the job. */
  queued?: number;
  createdAt: string;
  createdBy: string;
  finishedAt?: string;
  error?: string;
  version?: string;
}

export interface JobStore {
  /** Creates the job; false (and nothing written) when a job with this id exists. */
  create(job: DispatchJob): Promise<boolean>;
  get(id: string): Promise<DispatchJob | undefined>;
  /** Jobs not done yet (pending, or running under a lease that may have expired). */
  open(): Promise<DispatchJob[]>;
  forRound(roundId: string): Promise<DispatchJob[]>;
  /** ETag-guarded replace; ConflictError when someone else changed it. */
  update(job: DispatchJob): Promise<DispatchJob>;
}

export class TableJobStore implements JobStore {
  private readonly table: TableClient;

  constructor(account: StorageAccount) {
    this.table = account.table(TABLES.deliveries);
  }

  async create(job: DispatchJob): Promise<boolean> {
    try {
      await this.table.createEntity(toEntity(job));
      return true;
    } catch (error) {
      const e = translateStorageError(error, "dispatch job");
      if (e instanceof ConflictError) return false;
      throw e;
    }
  }

  async get(id: string): Promise<DispatchJob | undefined> {
    try {
      return fromEntity(await this.table.getEntity<Record<string, unknown>>("job", safeKey(id)));
    } catch (error) {
      const e = translateStorageError(error, "dispatch job");
      if (e instanceof NotFoundError) return undefined;
      throw e;
    }
  }

  async open(): Promise<DispatchJob[]> {
    return this.query(`PartitionKey eq 'job' and state ne 'done' and state ne 'failed'`);
  }

  async forRound(roundId: string): Promise<DispatchJob[]> {
    return this.query(`PartitionKey eq 'job' and roundId eq ${odataString(roundId)}`);
  }

  async update(job: DispatchJob): Promise<DispatchJob> {
    if (!job.version) throw new Error("job update needs the version it was read at");
    try {
      const r = await this.table.updateEntity(toEntity(job), "Replace", { etag: job.version });
      return { ...job, version: r.etag ?? "" };
    } catch (error) {
      const e = translateStorageError(error, "dispatch job");
      if (e instanceof NotFoundError) throw new ConflictError("dispatch job: removed");
      throw e;
    }
  }

  private async query(filter: string): Promise<DispatchJob[]> {
    const out: DispatchJob[] = [];
    try {
      for await (const e of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } }))
        out.push(fromEntity(e));
    } catch (error) {
      throw translateStorageError(error, "dispatch jobs");
    }
    return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
}

function toEntity(job: DispatchJob): Record<string, unknown> & { partitionKey: string; rowKey: string } {
  const { version: _, states, ...rest } = job;
  const entity: Record<string, unknown> & { partitionKey: string; rowKey: string } = {
    partitionKey: "job",
    rowKey: safeKey(job.id),
  };
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) entity[k] = v;
  if (states) entity.states = states.join(",");
  return entity;
}

function fromEntity(e: Record<string, unknown> & { etag?: string }): DispatchJob {
  const job: DispatchJob = {
    id: String(e.id),
    roundId: String(e.roundId),
    batchId: String(e.batchId),
    kind: e.kind as MessageKind,
    mode: e.mode as JobMode,
    state: e.state as JobState,
    runs: Number(e.runs ?? 0),
    createdAt: String(e.createdAt),
    createdBy: String(e.createdBy),
    version: e.etag ?? "",
  };
  if (typeof e.states === "string" && e.states) job.states = e.states.split(",") as DeliveryState[];
  for (const key of ["daysLeft", "leaseUntil", "queued"] as const)
    if (e[key] !== undefined && e[key] !== null) job[key] = Number(e[key]);
  for (const key of ["holder", "finishedAt", "error"] as const)
    if (typeof e[key] === "string") job[key] = e[key];
  return job;
}
