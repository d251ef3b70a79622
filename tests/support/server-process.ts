// The real server as its own process, started the way `npm start` starts it (bot/src/main.ts under
// tsx), so that fault tests and the dispatch benchmark can kill it with SIGKILL mid-work and start it
// again on the same storage and port, and read its process figures. Logs are JSON lines
// (LOG_PRETTY=false), kept across lives for the failure message and optionally appended to a file.
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../../bot/src/app.js";
import { freePort } from "../../scripts/lib/azurite.js";
import { requestJson, type ApiAnswer, type ApiInit } from "./http.js";
import { testConnectionString, uniquePrefix } from "./storage.js";

const STARTUP_MS = 90_000;

export interface ServerProcessOptions {
  /** Node options before the entry point (e.g. --cpu-prof). */
  nodeArgs?: string[];
  /** Node's arguments instead of bot/src/main.ts under tsx (the built server: `npm run start:prod`'s). */
  entry?: string[];
  /** Also append every line the server prints to this file. */
  logFile?: string;
}

export class ServerProcess {
  private child: ChildProcess | undefined;
  private readonly lines: string[] = [];
  private readonly errorLines: string[] = [];
  private tokens = new Map<string, string>();
  /** Times the process was started. */
  lives = 0;

  private constructor(
    readonly port: number,
    readonly env: Record<string, string>,
    private readonly options: ServerProcessOptions,
  ) {}

  /** A server on a free port, its own table prefix and the shared test Azurite unless `env` says otherwise. */
  static async start(
    env: Record<string, string> = {},
    options: ServerProcessOptions = {},
  ): Promise<ServerProcess> {
    const port = await freePort();
    const server = new ServerProcess(
      port,
      {
        APP_MODE: "development",
        AZURE_STORAGE_CONNECTION_STRING: env.AZURE_STORAGE_CONNECTION_STRING ?? testConnectionString(),
        STORAGE_PREFIX: uniquePrefix(),
        SEED_DEMO_DATA: "true",
        LOG_LEVEL: "info",
        LOG_PRETTY: "false",
        SCHEDULER_INTERVAL_SECONDS: "0",
        ...env,
        PORT: String(port),
      },
      options,
    );
    await server.restart();
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The process id of the current life, while it runs. */
  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the process (again) and resolves once /api/health answers 200. */
  async restart(): Promise<void> {
    if (this.running) throw new Error("the server is still running");
    this.lives += 1;
    this.tokens = new Map(); // the development issuer makes new keys at every start
    const { PATH, HOME, TMPDIR } = process.env;
    const child = spawn(
      process.execPath,
      [
        ...(this.options.nodeArgs ?? []),
        ...(this.options.entry ?? ["--import", "tsx", join("bot", "src", "main.ts")]),
      ],
      {
        cwd: repoRoot(),
        env: {
          ...(PATH ? { PATH } : {}),
          ...(HOME ? { HOME } : {}),
          ...(TMPDIR ? { TMPDIR } : {}),
          ...this.env,
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    this.child = child;
    killOnExit.add(child);
    child.once("exit", () => killOnExit.delete(child));
    const life = this.lives;
    const { logFile } = this.options;
    const keep = (chunk: Buffer): void => {
      for (const line of chunk.toString().split("\n")) if (line) this.lines.push(`[${life}] ${line}`);
      if (logFile) appendFileSync(logFile, chunk);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    child.stderr?.on("data", (chunk: Buffer) =>
      this.errorLines.push(...chunk.toString().split("\n").filter(Boolean)),
    );
    const deadline = Date.now() + STARTUP_MS;
    for (;;) {
      if (!this.running) throw new Error(`the server exited at start:\n${this.logTail()}`);
      const status = await fetch(`${this.url}/api/health`).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) return;
      if (Date.now() > deadline) throw new Error(`the server did not get healthy:\n${this.logTail()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** kill -9: no shutdown hook runs, whatever was in flight is cut off. */
  async kill(): Promise<void> {
    await this.signal("SIGKILL");
  }

  /** A clean stop (SIGTERM), for the end of a test. */
  async stop(): Promise<void> {
    await this.signal("SIGTERM");
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill(signal);
    });
  }

  /** A development token for a register person (the server's /api/dev/token, as the tab's dev sign-in). */
  async tokenFor(personId: string): Promise<string> {
    const cached = this.tokens.get(personId);
    if (cached) return cached;
    const res = await requestJson(`${this.url}/api/dev/token`, { method: "POST", body: { personId } });
    const token = (res.body as { token?: string } | undefined)?.token;
    if (res.status !== 200 || !token) throw new Error(`no token for ${personId}: ${res.status}`);
    this.tokens.set(personId, token);
    return token;
  }

  async api(path: string, init: ApiInit & { as?: string } = {}): Promise<ApiAnswer> {
    const token = init.token ?? (init.as ? await this.tokenFor(init.as) : undefined);
    return requestJson(`${this.url}${path}`, { ...init, ...(token ? { token } : {}) });
  }

  /** What the server wrote to stderr, over all its lives (Node's warnings go there). */
  stderr(): string[] {
    return [...this.errorLines];
  }

  /** The last lines the server printed, over all its lives (for failure messages). */
  logTail(count = 40): string {
    return this.lines.slice(-count).join("\n");
  }
}

// A test that fails half-way must not leave servers behind.
const killOnExit = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of killOnExit) child.kill("SIGKILL");
});
