// Starts Azurite's table and queue services as child processes: on disk under .data/ for `npm start`,
// in memory for tests. Random free ports unless told otherwise. No Docker needed.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";

/** Azurite's well-known development account (public, documented by Microsoft; not a secret). */
export const AZURITE_ACCOUNT = "devstoreaccount1";
export const AZURITE_KEY =
  "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

export interface AzuriteOptions {
  /** Folder for persistent data; omitted = in memory. */
  location?: string;
  tablePort?: number;
  queuePort?: number;
  /** Forward Azurite's own output (debugging). */
  verbose?: boolean;
}

export interface Azurite {
  connectionString: string;
  tablePort: number;
  queuePort: number;
  stop(): Promise<void>;
  /** Stops and starts the services again on the same ports (fault tests: storage outage). */
  pause(): Promise<void>;
  resume(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function binary(name: "azurite-table" | "azurite-queue"): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve("azurite/package.json");
  return join(dirname(pkg), "dist", "src", name === "azurite-table" ? "table" : "queue", "main.js");
}

// Children die with this process, even when it exits on an error.
const running = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

function launch(kind: "table" | "queue", port: number, options: AzuriteOptions): Promise<ChildProcess> {
  const args = [
    binary(kind === "table" ? "azurite-table" : "azurite-queue"),
    `--${kind}Host`,
    "127.0.0.1",
    `--${kind}Port`,
    String(port),
    "--skipApiVersionCheck",
    "--loose",
    "--disableTelemetry",
  ];
  if (options.location) {
    mkdirSync(options.location, { recursive: true });
    args.push("--location", options.location);
  } else {
    args.push("--inMemoryPersistence");
  }
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  child.once("exit", () => running.delete(child));
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`azurite ${kind} did not start within 30 s:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString();
      output += text;
      if (options.verbose) process.stderr.write(text);
      if (/successfully (started|listens)/i.test(output)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`azurite ${kind} exited with ${code}:\n${output}`));
    });
  });
}

// Azurite writes its on-disk data every 5 s and on SIGINT (its own shutdown): SIGTERM would lose the
// latest writes. In-memory instances have nothing to keep and stop at once.
function stopChild(child: ChildProcess | undefined, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

export async function startAzurite(options: AzuriteOptions = {}): Promise<Azurite> {
  const tablePort = options.tablePort ?? (await freePort());
  const queuePort = options.queuePort ?? (await freePort());
  let table: ChildProcess | undefined = await launch("table", tablePort, options);
  let queue: ChildProcess | undefined = await launch("queue", queuePort, options).catch(
    async (e: unknown) => {
      await stopChild(table, options.location ? "SIGINT" : "SIGTERM");
      throw e;
    },
  );
  const signal: NodeJS.Signals = options.location ? "SIGINT" : "SIGTERM";
  const connectionString =
    `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};` +
    `TableEndpoint=http://127.0.0.1:${tablePort}/${AZURITE_ACCOUNT};QueueEndpoint=http://127.0.0.1:${queuePort}/${AZURITE_ACCOUNT};`;
  return {
    connectionString,
    tablePort,
    queuePort,
    async stop() {
      await Promise.all([stopChild(table, signal), stopChild(queue, signal)]);
      table = queue = undefined;
    },
    async pause() {
      await Promise.all([stopChild(table, signal), stopChild(queue, signal)]);
    },
    async resume() {
      table = await launch("table", tablePort, options);
      queue = await launch("queue", queuePort, options);
    },
  };
}
