// Backup and restore of the product's tables, lossless: every property keeps its EDM type (Int64,
// DateTime, Binary, …) because entities are read with type conversion off and written back as read.
// Azure Table Storage has no point-in-time restore of its own and AzCopy v10 does not read tables,
// so this is the backup (docs/DEPLOY.md). One gzipped JSON-lines file per table plus backup.json.
import { once } from "node:events";
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { createGunzip, createGzip } from "node:zlib";
import type { TableEntity, TransactionAction } from "@azure/data-tables";
import { TABLES, type StorageAccount } from "../../bot/src/storage/client.js";

export interface BackupManifest {
  format: "goal-forecast-tables/1";
  createdAt: string;
  prefix: string;
  /** Table name without prefix → number of entities. */
  tables: Record<string, number>;
}

type Entity = TableEntity<Record<string, unknown>>;

/** Properties the service sets itself; everything else is data. */
const SERVICE_PROPERTIES = new Set(["etag", "timestamp", "odata.etag", "odata.metadata"]);

/** Copies every product table of `account` (its prefix) into `dir`. Returns what was written. */
export async function backupTables(account: StorageAccount, dir: string): Promise<BackupManifest> {
  mkdirSync(dir, { recursive: true });
  const manifest: BackupManifest = {
    format: "goal-forecast-tables/1",
    createdAt: new Date().toISOString(),
    prefix: account.settings.prefix,
    tables: {},
  };
  for (const name of Object.values(TABLES)) {
    const gzip = createGzip();
    const file = createWriteStream(join(dir, `${name}.jsonl.gz`));
    gzip.pipe(file);
    let count = 0;
    try {
      for await (const entity of account.table(name).listEntities({ disableTypeConversion: true })) {
        const data = Object.fromEntries(Object.entries(entity).filter(([k]) => !SERVICE_PROPERTIES.has(k)));
        if (!gzip.write(`${JSON.stringify(data)}\n`)) await once(gzip, "drain");
        count++;
      }
    } catch (error) {
      // A table the installation never created (an older version) is an empty one.
      if ((error as { statusCode?: number }).statusCode !== 404) throw error;
    }
    gzip.end();
    await once(file, "close");
    manifest.tables[name] = count;
  }
  writeFileSync(join(dir, "backup.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export class RestoreRefusedError extends Error {}

/** Largest batch sent at once: the service takes ≤ 100 operations and ≤ 4 MiB per transaction. */
const BATCH_OPERATIONS = 100;
const BATCH_BYTES = 2 * 1024 * 1024;

/**
 * Writes a backup into `account`'s tables (its prefix may differ from the backup's: restore next to
 * the live data, look, then switch STORAGE_PREFIX). Refuses tables that already hold data unless
 * `overwrite` (then rows with the same keys are replaced; others are kept).
 */
export async function restoreTables(
  account: StorageAccount,
  dir: string,
  options: { overwrite?: boolean } = {},
): Promise<BackupManifest> {
  const manifestFile = join(dir, "backup.json");
  if (!existsSync(manifestFile))
    throw new RestoreRefusedError(`${manifestFile} is missing: not a backup folder`);
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as BackupManifest;
  if (manifest.format !== "goal-forecast-tables/1") {
    throw new RestoreRefusedError(`unknown backup format ${String(manifest.format)}`);
  }
  await account.ensureTables(Object.keys(manifest.tables));
  if (!options.overwrite) {
    const occupied: string[] = [];
    for (const name of Object.keys(manifest.tables)) {
      const first = await account.table(name).listEntities().next();
      if (!first.done) occupied.push(account.tableName(name));
    }
    if (occupied.length > 0) {
      throw new RestoreRefusedError(
        `these tables already hold data: ${occupied.join(", ")}; restore under another prefix, or pass --overwrite`,
      );
    }
  }
  for (const name of Object.keys(manifest.tables)) {
    const table = account.table(name);
    const lines = createInterface({
      input: createReadStream(join(dir, `${name}.jsonl.gz`)).pipe(createGunzip()),
    });
    let batch: TransactionAction[] = [];
    let partition: string | undefined;
    let bytes = 0;
    const flush = async (): Promise<void> => {
      if (batch.length > 0) await table.submitTransaction(batch);
      batch = [];
      bytes = 0;
    };
    for await (const line of lines) {
      if (!line) continue;
      const entity = JSON.parse(line) as Entity;
      // A transaction holds one partition; listing returns partitions in order, so they come grouped.
      if (
        entity.partitionKey !== partition ||
        batch.length === BATCH_OPERATIONS ||
        bytes + line.length > BATCH_BYTES
      ) {
        await flush();
        partition = entity.partitionKey;
      }
      batch.push(["upsert", entity, "Replace"]);
      bytes += line.length;
    }
    await flush();
  }
  return manifest;
}
