// A queue message that cannot be read, names no row, or keeps coming back goes to the poison queue
// with its reason (for an operator to look at), and its row, if any, is marked failed so the
// round's progress shows it instead of waiting for it forever.
import { FINAL_STATES } from "@goal-forecast/core/domain/delivery";
import type { Logger } from "../logging.js";
import type { MessageQueue, QueuedMessage } from "../storage/queues.js";
import type { DeliveryRows } from "./delivery-row.js";
import type { DispatchMessage } from "./messages.js";

export interface PoisonDeps {
  queue: MessageQueue;
  poison: MessageQueue;
  rows: DeliveryRows;
  logger: Logger;
}

export async function moveToPoison(
  deps: PoisonDeps,
  message: QueuedMessage,
  reason: string,
  m?: DispatchMessage,
): Promise<void> {
  await deps.poison.send(
    JSON.stringify({
      reason,
      at: new Date().toISOString(),
      messageId: message.id,
      dequeueCount: message.dequeueCount,
      text: message.text.slice(0, 8000),
    }),
  );
  if (m) {
    const row = await deps.rows.get(m);
    if (row && !FINAL_STATES.has(row.state))
      await deps.rows.finish(row, { state: "failed", reason: "poison", detail: reason });
  }
  await deps.queue.delete(message);
  deps.logger.warn({ reason, message: message.id }, "dispatch message moved to the poison queue");
}
