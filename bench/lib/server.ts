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
    const app = await startTestApp({
      // Production's log level: what the server logs per request is part of its cost.
      LOG_LEVEL: "info",
      // No round is dispatched here: the idle dispatcher's polls would only blur the storage call counts.
      DISPATCH_IDLE_POLL_MS: "60000",
      DISPATCH_FLAG_POLL_MS: "10000",
      DISPATCH_HEARTBEAT_MS: "60000",
      ...env,
    });
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
