// The audit trail: every administrative change (round actions, register edits, imports) with who,
// when, through what and what changed. Append-only — this module offers no way to change or remove
// an entry — and tamper-evident: each entry carries a SHA-256 hash over its content and the hash of
// the entry before it in its partition, so changing, removing or inserting a row breaks the chain,
// and verify() finds where.
//
// Table "audit": PK "yyyy-MM"; entries under RK inverted time + random (newest first within a
// month), and one head row (RK "head") per partition holding the last sequence number and hash. An
// append creates its entry and replaces the head conditionally on the head's ETag in one entity
// group transaction, so two concurrent appends can never both extend the same link (no fork): the
// loser's transaction fails as a whole, it reads the new head and tries again.
import { createHash, randomUUID } from "node:crypto";
import type { TableClient, TransactionAction } from "@azure/data-tables";
import type { AuditEntry as ContractAuditEntry } from "@goal-forecast/core/contract/rounds";
import { canonicalJson, type FieldChange } from "@goal-forecast/core/domain/changes";
import type { StorageAccount } from "./client.js";
import { TABLES } from "./client.js";
import { odataString, packJson, unpackJson, type StoredEntity } from "./entity.js";
import { ConflictError, NotFoundError, translateStorageError } from "./errors.js";

/** Through what a change was made (declared with the audit entry's shape in the contract). */
export type AuditChannel = NonNullable<ContractAuditEntry["channel"]>;

export interface AuditEntry {
  at: string;
  /** Person id (or "system"). */
  by: string;
  action: string;
  /** What it acted on, e.g. "round:2020-2". */
  target: string;
  /** Through what: the tab, the REST API, the bot, an import, the CLI, the scheduler. */
  channel?: AuditChannel;
  /** What changed, field by field, with the values before and after (domain/changes.ts). */
  changes?: FieldChange[];
  details?: Record<string, unknown>;
}

/** An entry as stored: its place in the chain of its partition. */
export interface ChainedAuditEntry extends AuditEntry {
  /** 1, 2, 3, … within the partition. */
  seq: number;
  /** Hash of the previous entry of the partition (GENESIS for the first). */
  prev: string;
  /** SHA-256 (hex) over the entry's content, seq and prev. */
  hash: string;
}

export interface AuditBreak {
  partition: string;
  /** The row where the chain breaks (absent when the break is the head or a missing tail). */
  rowKey?: string;
  seq?: number;
  kind: "hash" | "link" | "sequence" | "head" | "unreadable";
  detail: string;
}

export interface AuditVerification {
  partitions: { partition: string; entries: number; head?: { seq: number; hash: string } }[];
  entries: number;
  /** Entries written before the chain existed (no seq/hash): listed, not verifiable. */
  unchained: number;
  breaks: AuditBreak[];
}

export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  /** Entries of one month ("2026-11"), newest first. */
  month(month: string): Promise<AuditEntry[]>;
  /** Entries about one target in the given months, newest first. */
  forTarget(target: string, months: string[]): Promise<AuditEntry[]>;
  /** Walks the chain of every partition (or the given months) and reports every break. */
  verify(months?: string[]): Promise<AuditVerification>;
}

export const GENESIS = "0".repeat(64);
const HEAD = "head";
const MAX_MS = 8_640_000_000_000_000;
const MAX_ATTEMPTS = 30;

interface Head {
  seq: number;
  hash: string;
}

/** The hash of an entry: over everything it says, its place in the chain included, never its own hash. */
export function auditHash(entry: Omit<ChainedAuditEntry, "hash">): string {
  return createHash("sha256").update(canonicalJson(entry)).digest("hex");
}

export class TableAuditLog implements AuditLog {
  private readonly client: TableClient;

  constructor(account: StorageAccount) {
    this.client = account.table(TABLES.audit);
  }

  async append(entry: AuditEntry): Promise<void> {
    const partition = entry.at.slice(0, 7);
    const inverted = String(MAX_MS - new Date(entry.at).getTime()).padStart(19, "0");
    for (let attempt = 1; ; attempt++) {
      const head = await this.head(partition);
      const linked = {
        ...stripUndefined(entry),
        seq: (head?.value.seq ?? 0) + 1,
        prev: head?.value.hash ?? GENESIS,
      };
      const chained: ChainedAuditEntry = { ...linked, hash: auditHash(linked) };
      const row: StoredEntity = {
        partitionKey: partition,
        rowKey: `${inverted}-${randomUUID().slice(0, 8)}`,
        target: entry.target,
        seq: chained.seq,
        ...packJson(chained),
      };
      const headRow: StoredEntity = {
        partitionKey: partition,
        rowKey: HEAD,
        seq: chained.seq,
        hash: chained.hash,
      };
      const actions: TransactionAction[] = [
        ["create", row],
        head ? ["update", headRow, "Replace", { etag: head.version }] : ["create", headRow],
      ];
      try {
        await this.client.submitTransaction(actions);
        return;
      } catch (error) {
        const translated = translateStorageError(error, "audit entry");
        // Another append extended the chain first: link to its entry instead.
        if (!(translated instanceof ConflictError) || attempt >= MAX_ATTEMPTS) throw translated;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
      }
    }
  }

  async month(month: string): Promise<AuditEntry[]> {
    return (await this.rows(`PartitionKey eq ${odataString(month)} and RowKey ne '${HEAD}'`)).map((r) =>
      publicEntry(unpackJson<ChainedAuditEntry>(r)),
    );
  }

  async forTarget(target: string, months: string[]): Promise<AuditEntry[]> {
    const lists = await Promise.all(
      months.map((m) =>
        this.rows(
          `PartitionKey eq ${odataString(m)} and RowKey ne '${HEAD}' and target eq ${odataString(target)}`,
        ),
      ),
    );
    return lists
      .flat()
      .map((r) => publicEntry(unpackJson<ChainedAuditEntry>(r)))
      .sort((a, b) => b.at.localeCompare(a.at));
  }

  async verify(months?: string[]): Promise<AuditVerification> {
    const filter = months?.length
      ? months.map((m) => `PartitionKey eq ${odataString(m)}`).join(" or ")
      : undefined;
    const rows = await this.rows(filter);
    const byPartition = new Map<string, Record<string, unknown>[]>();
    for (const r of rows) {
      const pk = String(r.partitionKey);
      byPartition.set(pk, [...(byPartition.get(pk) ?? []), r]);
    }
    const result: AuditVerification = { partitions: [], entries: 0, unchained: 0, breaks: [] };
    for (const [partition, list] of [...byPartition].sort(([a], [b]) => a.localeCompare(b))) {
      const headRow = list.find((r) => r.rowKey === HEAD);
      const chained: { rowKey: string; column: unknown; entry: ChainedAuditEntry }[] = [];
      for (const r of list) {
        if (r.rowKey === HEAD) continue;
        const rowKey = String(r.rowKey);
        let entry: ChainedAuditEntry;
        try {
          entry = unpackJson<ChainedAuditEntry>(r);
        } catch {
          result.breaks.push({
            partition,
            rowKey,
            kind: "unreadable",
            detail: "the entry is not valid JSON",
          });
          continue;
        }
        if (typeof entry.seq !== "number" || typeof entry.hash !== "string") {
          // Written before the chain: tolerated only if no chained entry exists yet (checked below).
          result.unchained++;
          continue;
        }
        chained.push({ rowKey, column: r.seq, entry });
      }
      result.entries += chained.length;
      chained.sort((a, b) => a.entry.seq - b.entry.seq);
      let prev = GENESIS;
      chained.forEach(({ rowKey, column, entry }, i) => {
        const { hash, ...linked } = entry;
        if (entry.seq !== i + 1)
          result.breaks.push({
            partition,
            rowKey,
            seq: entry.seq,
            kind: "sequence",
            detail: `expected entry ${i + 1}, found ${entry.seq}: an entry is missing or duplicated`,
          });
        if (entry.prev !== prev)
          result.breaks.push({
            partition,
            rowKey,
            seq: entry.seq,
            kind: "link",
            detail: "does not follow the entry before it (one was removed, inserted or rewritten)",
          });
        if (auditHash(linked) !== hash)
          result.breaks.push({
            partition,
            rowKey,
            seq: entry.seq,
            kind: "hash",
            detail: "its content does not match its hash: the entry was changed after it was written",
          });
        if (column !== entry.seq)
          result.breaks.push({
            partition,
            rowKey,
            seq: entry.seq,
            kind: "sequence",
            detail: "the row's sequence column differs from the entry's",
          });
        prev = hash;
      });
      const last = chained.at(-1)?.entry;
      const head =
        headRow && typeof headRow.seq === "number" && typeof headRow.hash === "string"
          ? { seq: headRow.seq, hash: headRow.hash }
          : undefined;
      if (last && (!head || head.seq !== last.seq || head.hash !== last.hash))
        result.breaks.push({
          partition,
          kind: "head",
          detail: head
            ? `the head says entry ${head.seq} is the last, the table ends at ${last.seq}: entries were removed or added past the head`
            : "the partition's head row is missing",
        });
      if (!last && head)
        result.breaks.push({
          partition,
          kind: "head",
          detail: `the head says ${head.seq} entries, none is left`,
        });
      result.partitions.push({ partition, entries: chained.length, ...(head ? { head } : {}) });
    }
    return result;
  }

  private async head(partition: string): Promise<{ value: Head; version: string } | undefined> {
    try {
      const e = await this.client.getEntity<Record<string, unknown>>(partition, HEAD);
      return { value: { seq: Number(e.seq), hash: String(e.hash) }, version: e.etag };
    } catch (error) {
      const translated = translateStorageError(error, "audit head");
      if (translated instanceof NotFoundError) return undefined;
      throw translated;
    }
  }

  private async rows(filter?: string): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = [];
    try {
      const iter = this.client.listEntities<Record<string, unknown>>(
        filter ? { queryOptions: { filter } } : {},
      );
      for await (const e of iter) out.push(e);
    } catch (error) {
      throw translateStorageError(error, "audit log");
    }
    return out;
  }
}

/** What the trail shows of an entry; the chain fields stay in storage. */
function publicEntry(entry: ChainedAuditEntry | AuditEntry): AuditEntry {
  const { seq: _seq, prev: _prev, hash: _hash, ...rest } = entry as ChainedAuditEntry;
  return rest;
}

function stripUndefined(entry: AuditEntry): AuditEntry {
  return JSON.parse(JSON.stringify(entry)) as AuditEntry;
}
