// One row per recipient and message: where a round's check-in (or one reminder, or one escalation)
// stands for that person. The dispatcher moves rows through their states with ETag-guarded writes,
// which is what makes a redelivered queue message or a restarted worker harmless.
// Table "deliveries": PK "<round id>|<batch id>", RK person id. Plain columns (no JSON document), so
// progress reads only the columns it shows.
import type { TableClient, TransactionAction } from "@azure/data-tables";
import type { DeliveryState, MessageKind } from "@goal-forecast/core/domain/delivery";
import type { StorageAccount } from "./client.js";
import { TABLES } from "./client.js";
import { odataString, safeKey } from "./entity.js";
import { NotFoundError, translateStorageError } from "./errors.js";

export interface Delivery {
  roundId: string;
  /** "checkin", or the reminder/escalation batch it belongs to (see dispatch/schedule.ts). */
  batchId: string;
  kind: MessageKind;
  personId: string;
  state: DeliveryState;
  /** Send attempts so far (a 401 pause does not count). */
  attempts: number;
  /** Why it is not sent (yet): "throttled", "http502", "blockedByUser", "interrupted", … */
  reason?: string;
  detail?: string;
  activityId?: string;
  conversationId?: string;
  sentAt?: string;
  queuedAt: string;
  updatedAt: string;
  /** Instance holding the row while sending, and until when (epoch ms) that claim holds. */
  claimedBy?: string;
  claimUntil?: number;
  /** Epoch ms before which the next attempt must not start (backoff). */
  notBefore?: number;
  /** Reminders: days left until the due date when the reminder was planned. */
  daysLeft?: number;
  /** How often an admin put this row back in the queue. */
  resends?: number;
  /** ETag of the stored row. */
  version?: string;
}

/** The columns progress needs, nothing more (a 10,000-row round stays a light read). */
export type DeliverySummary = Pick<
  Delivery,
  "personId" | "state" | "reason" | "attempts" | "updatedAt" | "kind" | "batchId"
>;

export interface DeliveryStore {
  get(roundId: string, batchId: string, personId: string): Promise<Delivery | undefined>;
  list(roundId: string, batchId: string, states?: readonly DeliveryState[]): Promise<Delivery[]>;
  summaries(roundId: string, batchId: string): Promise<DeliverySummary[]>;
  /** Writes new rows of one batch (atomically per 100). Callers write only rows that do not exist yet. */
  insertMany(rows: Delivery[]): Promise<void>;
  /** Replaces a row if it still has `row.version`; ConflictError otherwise. Returns the new version. */
  update(row: Delivery): Promise<Delivery>;
}

const SUMMARY_COLUMNS = ["RowKey", "personId", "state", "reason", "attempts", "updatedAt", "kind", "batchId"];

export class TableDeliveryStore implements DeliveryStore {
  private readonly table: TableClient;

  constructor(account: StorageAccount) {
    this.table = account.table(TABLES.deliveries);
  }

  async get(roundId: string, batchId: string, personId: string): Promise<Delivery | undefined> {
    try {
      const e = await this.table.getEntity<Record<string, unknown>>(
        partition(roundId, batchId),
        safeKey(personId),
      );
      return fromEntity(e);
    } catch (error) {
      const e = translateStorageError(error, "delivery");
      if (e instanceof NotFoundError) return undefined;
      throw e;
    }
  }

  async list(roundId: string, batchId: string, states?: readonly DeliveryState[]): Promise<Delivery[]> {
    const out: Delivery[] = [];
    for await (const e of this.query(roundId, batchId, states)) out.push(fromEntity(e));
    return out;
  }

  async summaries(roundId: string, batchId: string): Promise<DeliverySummary[]> {
    const out: DeliverySummary[] = [];
    for await (const e of this.query(roundId, batchId, undefined, SUMMARY_COLUMNS)) {
      const row: DeliverySummary = {
        personId: String(e.personId ?? e.rowKey),
        state: e.state as DeliveryState,
        attempts: Number(e.attempts ?? 0),
        updatedAt: String(e.updatedAt ?? ""),
        kind: e.kind as MessageKind,
        batchId: String(e.batchId ?? batchId),
      };
      if (typeof e.reason === "string") row.reason = e.reason;
      out.push(row);
    }
    return out;
  }

  async insertMany(rows: Delivery[]): Promise<void> {
    const byPartition = new Map<string, Delivery[]>();
    for (const r of rows) {
      const pk = partition(r.roundId, r.batchId);
      byPartition.set(pk, [...(byPartition.get(pk) ?? []), r]);
    }
    for (const list of byPartition.values()) {
      for (let i = 0; i < list.length; i += 100) {
        const actions: TransactionAction[] = list
          .slice(i, i + 100)
          .map((r) => ["upsert", toEntity(r), "Replace"] as TransactionAction);
        try {
          await this.table.submitTransaction(actions);
        } catch (error) {
          throw translateStorageError(error, "deliveries");
        }
      }
    }
  }

  async update(row: Delivery): Promise<Delivery> {
    if (!row.version) throw new Error("delivery update needs the version it was read at");
    try {
      const r = await this.table.updateEntity(toEntity(row), "Replace", { etag: row.version });
      return { ...row, version: r.etag ?? "" };
    } catch (error) {
      throw translateStorageError(error, "delivery");
    }
  }

  private async *query(
    roundId: string,
    batchId: string,
    states?: readonly DeliveryState[],
    select?: string[],
  ): AsyncIterable<Record<string, unknown> & { rowKey?: string; etag?: string }> {
    let filter = `PartitionKey eq ${odataString(partition(roundId, batchId))}`;
    if (states && states.length > 0)
      filter += ` and (${states.map((s) => `state eq ${odataString(s)}`).join(" or ")})`;
    try {
      yield* this.table.listEntities<Record<string, unknown>>({
        queryOptions: { filter, ...(select ? { select } : {}) },
      });
    } catch (error) {
      throw translateStorageError(error, "deliveries");
    }
  }
}

export function partition(roundId: string, batchId: string): string {
  return safeKey(`${roundId}|${batchId}`);
}

const OPTIONAL = [
  "reason",
  "detail",
  "activityId",
  "conversationId",
  "sentAt",
  "claimedBy",
  "claimUntil",
  "notBefore",
  "daysLeft",
  "resends",
] as const;

function toEntity(row: Delivery): Record<string, unknown> & { partitionKey: string; rowKey: string } {
  const entity: Record<string, unknown> & { partitionKey: string; rowKey: string } = {
    partitionKey: partition(row.roundId, row.batchId),
    rowKey: safeKey(row.personId),
    roundId: row.roundId,
    batchId: row.batchId,
    kind: row.kind,
    personId: row.personId,
    state: row.state,
    attempts: row.attempts,
    queuedAt: row.queuedAt,
    updatedAt: row.updatedAt,
  };
  for (const key of OPTIONAL) {
    const value = row[key];
    if (value !== undefined) entity[key] = typeof value === "string" ? value.slice(0, 2000) : value;
  }
  return entity;
}

function fromEntity(e: Record<string, unknown> & { etag?: string }): Delivery {
  const row: Delivery = {
    roundId: String(e.roundId),
    batchId: String(e.batchId),
    kind: e.kind as MessageKind,
    personId: String(e.personId),
    state: e.state as DeliveryState,
    attempts: Number(e.attempts ?? 0),
    queuedAt: String(e.queuedAt ?? ""),
    updatedAt: String(e.updatedAt ?? ""),
    version: e.etag ?? "",
  };
  for (const key of OPTIONAL) {
    const value = e[key];
    if (value === undefined || value === null) continue;
    if (key === "claimUntil" || key === "notBefore" || key === "daysLeft" || key === "resends")
      (row as unknown as Record<string, unknown>)[key] = Number(value);
    else (row as unknown as Record<string, unknown>)[key] = String(value);
  }
  return row;
}
