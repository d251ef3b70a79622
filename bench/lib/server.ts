// The real server for a benchmark, as the integration tests start it (tests/support/app.ts), on its own
// in-memory Azurite; stop() ends both. Everything listens on 127.0.0.1.
import { startAzurite } from "../../scripts/lib/azurite.js";
import { startTestApp, type TestApp } from "../../tests/support/app.js";

export interface BenchServer {
  app: TestApp;
  /** Azurite's connection string, for reading the tables directly. */
  connectionString: string;
  /** Azurite's table service port (to count the server's storage calls). */
  tablePort: number;
  stop(): Promise<void>;
}

export async function startBenchServer(env: Record<string, string> = {}): Promise<BenchServer> {
  const azurite = await startAzurite();
  // tests/support/app.ts takes the storage from the variable the mocha fixture sets.
  process.env.TEST_STORAGE_CONNECTION_STRING = azurite.connectionString;
  try {
    // Production's log level: what the server logs per request is part of its cost.
    const app = await startTestApp({ LOG_LEVEL: "info", ...env });
    return {
      app,
      connectionString: azurite.connectionString,
      tablePort: azurite.tablePort,
      async stop() {
        await app.close();
        await azurite.stop();
      },
    };
  } catch (error) {
    await azurite.stop();
    throw error;
  }
}
