import { randomBytes } from "node:crypto";
import { StorageAccount, TABLES } from "../../bot/src/storage/client.js";
import { createStores, type Stores } from "../../bot/src/storage/index.js";

/** The shared test Azurite's connection string (set by the global fixture). */
export function testConnectionString(): string {
  const cs = process.env.TEST_STORAGE_CONNECTION_STRING;
  if (!cs) throw new Error("Azurite is not running: run tests through mocha (npm test)");
  return cs;
}

/** A fresh table/queue prefix, so a suite starts from empty storage. */
export function uniquePrefix(): string {
  return `t${randomBytes(5).toString("hex")}`;
}

export async function freshStores(): Promise<{ account: StorageAccount; stores: Stores }> {
  const account = new StorageAccount({ connectionString: testConnectionString(), prefix: uniquePrefix() });
  await account.ensureTables();
  return { account, stores: createStores(account) };
}

/**
 * Every entity of every product table, as stored (EDM types kept). Without `versions` the service
 * properties (etag, timestamp) are left out, so a copy compares equal; with them, so does only an
 * entity nobody wrote to since (a rewrite with the same data changes its etag).
 */
export async function tableContents(
  account: StorageAccount,
  options: { versions?: boolean; tables?: readonly string[] } = {},
): Promise<Record<string, unknown[]>> {
  const names = options.tables ?? Object.values(TABLES);
  const listed = await Promise.all(
    names.map(async (name) => {
      const rows: unknown[] = [];
      for await (const e of account.table(name).listEntities({ disableTypeConversion: true })) {
        if (options.versions) rows.push(e);
        else {
          const { etag: _etag, timestamp: _timestamp, ...data } = e as Record<string, unknown>;
          rows.push(data);
        }
      }
      return [name, rows] as const;
    }),
  );
  const result: Record<string, unknown[]> = Object.fromEntries(listed);
  return result;
}
