// Mocha global fixture: one real Azurite (in memory, random ports) for the whole run.
// Suites isolate themselves by table prefix (see uniquePrefix), so they never see each other's data.
import { startAzurite, type Azurite } from "../../scripts/lib/azurite.js";

let azurite: Azurite | undefined;

export async function mochaGlobalSetup(): Promise<void> {
  azurite = await startAzurite();
  process.env.TEST_STORAGE_CONNECTION_STRING = azurite.connectionString;
  process.env.TEST_AZURITE_TABLE_PORT = String(azurite.tablePort);
  process.env.TEST_AZURITE_QUEUE_PORT = String(azurite.queuePort);
}

export async function mochaGlobalTeardown(): Promise<void> {
  await azurite?.stop();
}
