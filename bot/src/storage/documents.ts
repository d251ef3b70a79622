// One table of JSON documents addressed by partition and row key, with ETag concurrency.
// The document repositories (register, rounds, reports, conversations, imports, audit) build on this;
// the stores of plain columns (deliveries, dispatch jobs, leases) use @azure/data-tables directly.
import type { TableClient, TransactionAction } from "@azure/data-tables";
import { packJson, safeKey, unpackJson, type StoredEntity } from "./entity.js";
import { ConflictError, NotFoundError, translateStorageError } from "./errors.js";

export interface Versioned<T> {
  value: T;
  /** ETag of the stored entity. */
  version: string;
}

export class DocumentTable<T> {
  constructor(
    private readonly client: TableClient,
    private readonly what: string,
  ) {}

  async get(pk: string, rk: string): Promise<Versioned<T> | undefined> {
    try {
      const e = await this.client.getEntity<Record<string, unknown>>(safeKey(pk), safeKey(rk));
      return { value: unpackJson<T>(e), version: e.etag };
    } catch (error) {
      const translated = translateStorageError(error, this.what);
      if (translated instanceof NotFoundError) return undefined;
      throw translated;
    }
  }

  /** Every document of a partition (optionally filtered by an OData expression on indexed columns). */
  async list(pk: string, filter?: string): Promise<Versioned<T>[]> {
    const out: Versioned<T>[] = [];
    const pkFilter = `PartitionKey eq '${safeKey(pk).replace(/'/g, "''")}'`;
    try {
      const iter = this.client.listEntities<Record<string, unknown>>({
        queryOptions: { filter: filter ? `${pkFilter} and (${filter})` : pkFilter },
      });
      for await (const e of iter) out.push({ value: unpackJson<T>(e), version: e.etag });
    } catch (error) {
      throw translateStorageError(error, this.what);
    }
    return out;
  }

  /** Inserts a new document; ConflictError when one exists already. */
  async create(pk: string, rk: string, value: T, columns: Record<string, unknown> = {}): Promise<string> {
    try {
      const r = await this.client.createEntity(this.entity(pk, rk, value, columns));
      return r.etag ?? "";
    } catch (error) {
      throw translateStorageError(error, this.what);
    }
  }

  /** Replaces a document only if it still has `version`; ConflictError otherwise. */
  async replace(
    pk: string,
    rk: string,
    value: T,
    version: string,
    columns: Record<string, unknown> = {},
  ): Promise<string> {
    try {
      const r = await this.client.updateEntity(this.entity(pk, rk, value, columns), "Replace", {
        etag: version,
      });
      return r.etag ?? "";
    } catch (error) {
      const translated = translateStorageError(error, this.what);
      if (translated instanceof NotFoundError)
        throw new ConflictError(`${this.what}: removed by someone else`);
      throw translated;
    }
  }

  /** Writes a document whatever is stored (register imports, reference data). */
  async upsert(pk: string, rk: string, value: T, columns: Record<string, unknown> = {}): Promise<string> {
    try {
      const r = await this.client.upsertEntity(this.entity(pk, rk, value, columns), "Replace");
      return r.etag ?? "";
    } catch (error) {
      throw translateStorageError(error, this.what);
    }
  }

  async delete(pk: string, rk: string): Promise<void> {
    try {
      await this.client.deleteEntity(safeKey(pk), safeKey(rk));
    } catch (error) {
      const translated = translateStorageError(error, this.what);
      if (!(translated instanceof NotFoundError)) throw translated;
    }
  }

  /**
   * Upserts many documents of one partition atomically in batches of 100 (the service's limit).
   * Each batch is all-or-nothing; callers that need all-or-nothing across batches validate first.
   */
  async upsertMany(
    pk: string,
    items: { rk: string; value: T; columns?: Record<string, unknown> }[],
  ): Promise<void> {
    for (let i = 0; i < items.length; i += 100) {
      const actions: TransactionAction[] = items
        .slice(i, i + 100)
        .map((it) => ["upsert", this.entity(pk, it.rk, it.value, it.columns ?? {}), "Replace"]);
      try {
        await this.client.submitTransaction(actions);
      } catch (error) {
        throw translateStorageError(error, this.what);
      }
    }
  }

  private entity(pk: string, rk: string, value: T, columns: Record<string, unknown>): StoredEntity {
    return { partitionKey: safeKey(pk), rowKey: safeKey(rk), ...columns, ...packJson(value) };
  }
}
