// The dispatcher's changes of one delivery row, each ETag-guarded: the claim before a send, and the
// row's next state after it. A conflict on the way out is resolved with what this worker knows.
import type { Logger } from "../logging.js";
import type { Delivery, DeliveryStore } from "../storage/deliveries.js";
import { ConflictError } from "../storage/errors.js";
import { delay } from "./timing.js";
import type { SendOutcome } from "./sender.js";

export class DeliveryRows {
  constructor(
    private readonly deliveries: DeliveryStore,
    private readonly logger: Logger,
  ) {}

  get(row: Pick<Delivery, "roundId" | "batchId" | "personId">): Promise<Delivery | undefined> {
    return this.deliveries.get(row.roundId, row.batchId, row.personId);
  }

  /** Marks the row as being sent by `instanceId` until `claimMs` from now; a ConflictError if it changed. */
  claim(row: Delivery, instanceId: string, claimMs: number): Promise<Delivery> {
    const at = Date.now();
    return this.deliveries.update({
      ...row,
      state: "sending",
      attempts: row.attempts + 1,
      claimedBy: instanceId,
      claimUntil: at + claimMs,
      updatedAt: new Date(at).toISOString(),
    });
  }

  /** Writes the row's next state over the claim; undefined when someone else's change is kept. */
  async finish(
    row: Delivery,
    change: Partial<Delivery> & Pick<Delivery, "state">,
  ): Promise<Delivery | undefined> {
    const next: Delivery = { ...row, ...change, updatedAt: new Date().toISOString() };
    delete next.claimedBy;
    delete next.claimUntil;
    if (change.state !== "queued" && change.state !== "installing") delete next.notBefore;
    if (change.state === "sent") {
      delete next.reason;
      delete next.detail;
    }
    for (let attempt = 0; attempt < 4; attempt++) {
      try {
        return await this.deliveries.update(next);
      } catch (error) {
        if (!(error instanceof ConflictError)) {
          if (attempt === 3) throw error;
          await delay(200 * 2 ** attempt); // storage hiccup: the send happened, try to record it
          continue;
        }
        const current = await this.get(row);
        if (!current) return undefined;
        // Someone declared our send in doubt while we waited for the answer: we know better now.
        if (current.state === "inDoubt" && row.state === "sending" && change.state !== "inDoubt") {
          next.version = current.version;
          continue;
        }
        this.logger.warn(
          { round: row.roundId, batch: row.batchId, person: row.personId, state: current.state },
          "delivery changed by someone else; keeping theirs",
        );
        return undefined;
      }
    }
    return undefined;
  }

  /** A send given up as in doubt answered after all: record what really happened. */
  async recordLate(row: Delivery, late: Extract<SendOutcome, { kind: "sent" }>): Promise<void> {
    await this.finish(row, {
      state: "sent",
      activityId: late.activityId,
      conversationId: late.conversationId,
      sentAt: new Date().toISOString(),
    }).catch(() => undefined);
  }
}
