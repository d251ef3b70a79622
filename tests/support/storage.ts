import { randomBytes } from "node:crypto";
import { StorageAccount } from "../../bot/src/storage/client.js";
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
