// What the deck renderer and its worker thread send each other (structured-clone-able data only).
import type { ExportModel } from "./model.js";

/** The worker's `workerData`. */
export interface DeckJob {
  model: ExportModel;
}

/** Worker → renderer, in this order: laidOut, chunk…, done. */
export type DeckMessage =
  { kind: "laidOut"; slides: number } | { kind: "chunk"; bytes: Uint8Array } | { kind: "done" };
