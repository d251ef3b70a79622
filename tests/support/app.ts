// Starts the real server (as `npm start` does, minus Azurite and the tab build) on a free port,
// against the shared test Azurite with its own table prefix.
import { Writable } from "node:stream";
import { startApp, type App } from "../../bot/src/app.js";
import { loadConfig } from "../../bot/src/config.js";
import type { SendRequest } from "../../bot/src/dispatch/outbox.js";
import type { SendOutcome } from "../../bot/src/dispatch/sender.js";
import { createLogger } from "../../bot/src/logging.js";
import { requestJson, type ApiAnswer, type ApiInit } from "./http.js";
import { testConnectionString, uniquePrefix } from "./storage.js";

export interface TestApp extends App {
  /** Everything the server logged, one JSON object per line. */
  logLines(): string[];
  /** A development token for one of the register's people. */
  tokenFor(personId: string): Promise<string>;
  /** fetch() against the server with JSON handling and an optional person's token. */
  api(path: string, init?: ApiInit & { as?: string }): Promise<ApiAnswer>;
  /** One person's message sent at once through the outbox, as the dispatcher sends a claimed row. */
  sendNow(request: Omit<SendRequest, "round"> & { roundId: string }): Promise<SendOutcome>;
}

export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  const config = loadConfig({
    APP_MODE: "development",
    PORT: "0",
    AZURE_STORAGE_CONNECTION_STRING: testConnectionString(),
    STORAGE_PREFIX: uniquePrefix(),
    SEED_DEMO_DATA: "true",
    LOG_LEVEL: "debug",
    // The round clock only runs in tests that ask for it (they tick it themselves or set an interval).
    SCHEDULER_INTERVAL_SECONDS: "0",
    ...env,
  });
  const app = await startApp(config, {
    logger: createLogger({ level: config.LOG_LEVEL, pretty: false, destination: sink }),
  });
  const tokenFor = async (personId: string): Promise<string> => {
    const person = await app.stores.register.person(personId);
    if (!person || !app.devIssuer) throw new Error(`cannot issue a token for ${personId}`);
    return app.devIssuer.issue(person);
  };
  return Object.assign(app, {
    logLines: () => [...lines],
    tokenFor,
    async sendNow({ roundId, ...request }: Omit<SendRequest, "round"> & { roundId: string }) {
      const round = await app.stores.rounds.get(roundId);
      if (!round || !app.rounds.outbox) throw new Error(`cannot send in round ${roundId}`);
      return app.rounds.outbox.send({ ...request, round });
    },
    async api(path: string, init: ApiInit & { as?: string } = {}) {
      const token = init.token ?? (init.as ? await tokenFor(init.as) : undefined);
      return requestJson(`${app.url}${path}`, { ...init, ...(token ? { token } : {}) });
    },
  });
}
