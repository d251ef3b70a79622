// Worker thread entry (started by deck-renderer.ts): renders one deck from the export model it is
// given and posts the package's bytes back as they are written. Drawing a large deck is seconds of
// synchronous work (layout, pptxgenjs's XML, JSZip's deflate) that must not hold the server's event loop.
import { Writable } from "node:stream";
import { parentPort, workerData } from "node:worker_threads";
import type { DeckJob, DeckMessage } from "./deck-messages.js";
import { planDeck, writePlannedDeck } from "./pptx.js";

const port = parentPort;
if (!port) throw new Error("deck-worker.ts runs only as a worker thread");
const post = (message: DeckMessage, transfer: ArrayBuffer[] = []): void =>
  port.postMessage(message, transfer);

const { model } = workerData as DeckJob;
const plans = planDeck(model);
post({ kind: "laidOut", slides: plans.length + 1 });
const out = new Writable({
  write(chunk: Buffer, _encoding, done) {
    // A copy of just this chunk's bytes: the chunk may be a view of a larger pooled buffer.
    const bytes = new Uint8Array(chunk);
    post({ kind: "chunk", bytes }, [bytes.buffer]);
    done();
  },
});
await writePlannedDeck(model, plans, out);
post({ kind: "done" });
