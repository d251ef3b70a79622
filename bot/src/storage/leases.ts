// Coordination between server instances through table "leases" (every write ETag-guarded):
//   PK "lease",    RK name         → { holder, until }            one holder at a time (scheduler, jobs)
//   PK "instance", RK instance id  → { expiresAt, startedAt }     who is sending now (rate shares)
//   PK "flag",     RK name         → { until, reason, by, at }    "throttled until", "halted until"
// Times are epoch milliseconds in Int64-safe doubles; every instance reads the same rows.
import type { TableClient } from "@azure/data-tables";
import type { StorageAccount } from "./client.js";
import { TABLES } from "./client.js";
import { odataString, safeKey } from "./entity.js";
import { ConflictError, NotFoundError, translateStorageError } from "./errors.js";

export interface Flag {
  name: string;
  /** Epoch ms until which the flag holds. */
  until: number;
  reason: string;
  /** Instance that raised it. */
  by: string;
  at: number;
}

export interface LeaseStore {
  /** Takes or renews the named lease for `ttlMs`; false when another holder's lease is still valid. */
  tryAcquire(name: string, holder: string, ttlMs: number, now?: number): Promise<boolean>;
  release(name: string, holder: string): Promise<void>;
  /** Records that an instance is alive until now + ttlMs. */
  heartbeat(instanceId: string, ttlMs: number, now?: number): Promise<void>;
  removeInstance(instanceId: string): Promise<void>;
  /** Ids of the instances whose heartbeat has not expired, sorted. */
  activeInstances(now?: number): Promise<string[]>;
  /** Every flag (one partition query: cheap enough to poll several times a second). */
  flags(): Promise<Flag[]>;
  /** Raises a flag, keeping whichever `until` is later when it is already raised. */
  raiseFlag(flag: Flag): Promise<Flag>;
  clearFlag(name: string): Promise<void>;
}

interface Row {
  partitionKey: string;
  rowKey: string;
  etag?: string;
  [key: string]: unknown;
}

export class TableLeaseStore implements LeaseStore {
  private readonly table: TableClient;

  constructor(account: StorageAccount) {
    this.table = account.table(TABLES.leases);
  }

  async tryAcquire(name: string, holder: string, ttlMs: number, now = Date.now()): Promise<boolean> {
    const current = await this.get("lease", name);
    const entity = { partitionKey: "lease", rowKey: safeKey(name), holder, until: now + ttlMs };
    try {
      if (!current) {
        await this.table.createEntity(entity);
        return true;
      }
      if (current.holder !== holder && Number(current.until) > now) return false;
      await this.table.updateEntity(entity, "Replace", { etag: current.etag ?? "*" });
      return true;
    } catch (error) {
      if (translateStorageError(error, "lease") instanceof ConflictError) return false;
      throw translateStorageError(error, "lease");
    }
  }

  async release(name: string, holder: string): Promise<void> {
    const current = await this.get("lease", name);
    if (!current || current.holder !== holder) return;
    try {
      await this.table.deleteEntity("lease", safeKey(name), { etag: current.etag ?? "*" });
    } catch (error) {
      const e = translateStorageError(error, "lease");
      if (!(e instanceof ConflictError) && !(e instanceof NotFoundError)) throw e;
    }
  }

  async heartbeat(instanceId: string, ttlMs: number, now = Date.now()): Promise<void> {
    try {
      await this.table.upsertEntity(
        { partitionKey: "instance", rowKey: safeKey(instanceId), expiresAt: now + ttlMs },
        "Merge",
      );
    } catch (error) {
      throw translateStorageError(error, "instance");
    }
  }

  async removeInstance(instanceId: string): Promise<void> {
    try {
      await this.table.deleteEntity("instance", safeKey(instanceId));
    } catch (error) {
      const e = translateStorageError(error, "instance");
      if (!(e instanceof NotFoundError)) throw e;
    }
  }

  async activeInstances(now = Date.now()): Promise<string[]> {
    const ids: string[] = [];
    try {
      const rows = this.table.listEntities<Row>({
        queryOptions: { filter: `PartitionKey eq 'instance'`, select: ["RowKey", "expiresAt"] },
      });
      for await (const row of rows) if (Number(row.expiresAt) > now) ids.push(row.rowKey);
    } catch (error) {
      throw translateStorageError(error, "instances");
    }
    return ids.sort();
  }

  async flags(): Promise<Flag[]> {
    const out: Flag[] = [];
    try {
      for await (const row of this.table.listEntities<Row>({
        queryOptions: { filter: `PartitionKey eq ${odataString("flag")}` },
      }))
        out.push(toFlag(row));
    } catch (error) {
      throw translateStorageError(error, "flags");
    }
    return out;
  }

  async raiseFlag(flag: Flag): Promise<Flag> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.get("flag", flag.name);
      if (current && Number(current.until) >= flag.until) return toFlag(current);
      const entity = {
        partitionKey: "flag",
        rowKey: safeKey(flag.name),
        until: flag.until,
        reason: flag.reason,
        by: flag.by,
        at: flag.at,
      };
      try {
        if (current) await this.table.updateEntity(entity, "Replace", { etag: current.etag ?? "*" });
        else await this.table.createEntity(entity);
        return flag;
      } catch (error) {
        const e = translateStorageError(error, "flag");
        if (!(e instanceof ConflictError)) throw e;
        // Someone else raised it meanwhile: read again and keep the later of the two.
      }
    }
    return flag;
  }

  async clearFlag(name: string): Promise<void> {
    try {
      await this.table.deleteEntity("flag", safeKey(name));
    } catch (error) {
      const e = translateStorageError(error, "flag");
      if (!(e instanceof NotFoundError)) throw e;
    }
  }

  private async get(pk: string, rk: string): Promise<Row | undefined> {
    try {
      return await this.table.getEntity<Row>(pk, safeKey(rk));
    } catch (error) {
      const e = translateStorageError(error, pk);
      if (e instanceof NotFoundError) return undefined;
      throw e;
    }
  }
}

function toFlag(row: Row): Flag {
  return {
    name: row.rowKey,
    until: Number(row.until),
    reason: String(row.reason ?? ""),
    by: String(row.by ?? ""),
    at: Number(row.at ?? 0),
  };
}
