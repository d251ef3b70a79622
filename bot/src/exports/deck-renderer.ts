// Renders decks off the main thread, a few at a time. A 1,000-goal deck is some 25 s of CPU and half a
// gigabyte of heap (docs/BENCHMARKS.md); drawn on the event loop it would stall every card invoke, tab
// request and health probe of the instance meanwhile. Each deck gets its own worker thread (its heap
// is freed when the thread exits), at most `concurrency` at once; further requests wait in FIFO order,
// and a request whose client has gone is dropped from the queue or has its worker stopped.
import { finished } from "node:stream/promises";
import type { Writable } from "node:stream";
import { Worker } from "node:worker_threads";
import type { Logger } from "../logging.js";
import type { DeckJob, DeckMessage } from "./deck-messages.js";
import type { ExportModel } from "./model.js";

export type DeckOutcome = "written" | "cancelled";

export interface DeckRendererOptions {
  /** Decks rendered at once by this instance (EXPORT_DECK_CONCURRENCY). */
  concurrency: number;
  logger: Logger;
}

interface Waiter {
  start(): void;
}

export class DeckRenderer {
  private running = 0;
  private readonly queue: Waiter[] = [];
  private readonly workers = new Set<Worker>();
  private closed = false;

  constructor(private readonly options: DeckRendererOptions) {}

  /**
   * Writes the deck of `model` to `out` (and ends it) once a render slot is free. Resolves
   * "cancelled", leaving `out` unended, when `signal` aborts first: the client has gone.
   */
  async render(model: ExportModel, out: Writable, signal: AbortSignal): Promise<DeckOutcome> {
    const log = this.options.logger.child({ round: model.round.id, subjects: model.subjects.length });
    if (!(await this.slot(signal, log))) return "cancelled";
    try {
      return await this.inWorker(model, out, signal, log);
    } finally {
      this.release();
    }
  }

  /** Stops running renders and refuses queued and new ones (server shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.queue.splice(0)) waiter.start();
    await Promise.all([...this.workers].map((w) => w.terminate()));
  }

  /** Waits for a free slot in arrival order; false when the signal aborts (or the renderer closes) first. */
  private slot(signal: AbortSignal, log: Logger): Promise<boolean> {
    if (this.closed || signal.aborted) return Promise.resolve(false);
    if (this.running < this.options.concurrency) {
      this.running++;
      return Promise.resolve(true);
    }
    log.info({ ahead: this.queue.length + this.running }, "deck render queued");
    return new Promise((resolve) => {
      const waiter: Waiter = {
        // release() hands its slot over (running stays the same); close() starts nobody.
        start: () => {
          signal.removeEventListener("abort", drop);
          resolve(!this.closed);
        },
      };
      const drop = (): void => {
        this.queue.splice(this.queue.indexOf(waiter), 1);
        log.info("deck render dropped from the queue: the client has gone");
        resolve(false);
      };
      signal.addEventListener("abort", drop, { once: true });
      this.queue.push(waiter);
    });
  }

  private release(): void {
    const next = this.queue.shift();
    if (next && !this.closed) next.start();
    else this.running--;
  }

  private inWorker(
    model: ExportModel,
    out: Writable,
    signal: AbortSignal,
    log: Logger,
  ): Promise<DeckOutcome> {
    const started = performance.now();
    const job: DeckJob = { model };
    const worker = spawnDeckWorker(job);
    this.workers.add(worker);
    log.info("deck render started");
    return new Promise<DeckOutcome>((resolve, reject) => {
      let settled = false;
      const settle = (outcome: () => void): void => {
        if (settled) return;
        settled = true;
        signal.removeEventListener("abort", cancel);
        this.workers.delete(worker);
        void worker.terminate();
        outcome();
      };
      const cancel = (): void =>
        settle(() => {
          log.info(
            { ms: Math.round(performance.now() - started) },
            "deck render stopped: the client has gone",
          );
          resolve("cancelled");
        });
      signal.addEventListener("abort", cancel, { once: true });
      worker.on("message", (message: DeckMessage) => {
        if (settled) return;
        switch (message.kind) {
          case "laidOut":
            log.debug({ slides: message.slides }, "deck laid out");
            return;
          case "chunk":
            // No backpressure across the thread: a deck is a few megabytes, held by `out` at worst.
            out.write(message.bytes);
            return;
          case "done":
            settle(() => {
              out.end();
              finished(out).then(() => {
                log.info({ ms: Math.round(performance.now() - started) }, "deck rendered");
                resolve("written");
              }, reject);
            });
        }
      });
      worker.on("error", (error) => settle(() => reject(error)));
      worker.on("exit", (code) =>
        settle(() => reject(new Error(`the deck worker exited (code ${code}) before the deck was written`))),
      );
    });
  }
}

/** The compiled deck-worker.js, or under tsx (npm start, the tests) its source through tsx-worker.mjs. */
function spawnDeckWorker(job: DeckJob): Worker {
  const options = { workerData: job, name: "deck" };
  if (!import.meta.url.endsWith(".ts"))
    return new Worker(new URL("./deck-worker.js", import.meta.url), options);
  const entry = new URL("./deck-worker.ts", import.meta.url).href;
  return new Worker(new URL("./tsx-worker.mjs", import.meta.url), { ...options, argv: [entry] });
}
