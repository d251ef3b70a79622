// Azure Storage Queues (Azurite locally): the dispatch work queue and its poison queue.
// Queue names are `<STORAGE_PREFIX>dispatch` and `<STORAGE_PREFIX>dispatch-poison`.
import { QueueServiceClient, type QueueClient, type StoragePipelineOptions } from "@azure/storage-queue";
import type { StorageAccount } from "./client.js";
import { StorageUnavailableError, translateStorageError } from "./errors.js";

export const QUEUES = { dispatch: "dispatch", poison: "dispatch-poison" } as const;

export interface QueuedMessage {
  id: string;
  /** Changes with every update; the latest one is needed to update or delete the message. */
  popReceipt: string;
  text: string;
  /** How many times the message has been received (the first receive makes it 1). */
  dequeueCount: number;
  /** Epoch ms when the message becomes visible again unless deleted or updated. */
  visibleAt: number;
}

export interface MessageQueue {
  readonly name: string;
  ensure(): Promise<void>;
  send(text: string, delaySeconds?: number): Promise<void>;
  /** Up to `max` (≤ 32) messages, hidden from other receivers for `visibilitySeconds`. */
  receive(max: number, visibilitySeconds: number): Promise<QueuedMessage[]>;
  /** Hides the message for `visibilitySeconds` more (0 = visible now); false if it is no longer ours. */
  defer(message: QueuedMessage, visibilitySeconds: number): Promise<boolean>;
  /** Deletes the message; a message already gone (or received by someone else since) is no error. */
  delete(message: QueuedMessage): Promise<void>;
  approximateCount(): Promise<number>;
}

export class StorageQueue implements MessageQueue {
  constructor(
    private readonly client: QueueClient,
    readonly name: string,
  ) {}

  async ensure(): Promise<void> {
    await this.call("create queue", () => this.client.createIfNotExists());
  }

  async send(text: string, delaySeconds = 0): Promise<void> {
    await this.call("enqueue", () =>
      this.client.sendMessage(text, delaySeconds > 0 ? { visibilityTimeout: Math.ceil(delaySeconds) } : {}),
    );
  }

  async receive(max: number, visibilitySeconds: number): Promise<QueuedMessage[]> {
    const response = await this.call("receive", () =>
      this.client.receiveMessages({
        numberOfMessages: Math.max(1, Math.min(32, max)),
        visibilityTimeout: Math.max(1, Math.ceil(visibilitySeconds)),
      }),
    );
    return response.receivedMessageItems.map((m) => ({
      id: m.messageId,
      popReceipt: m.popReceipt,
      text: m.messageText,
      dequeueCount: m.dequeueCount,
      visibleAt: m.nextVisibleOn.getTime(),
    }));
  }

  async defer(message: QueuedMessage, visibilitySeconds: number): Promise<boolean> {
    const seconds = Math.max(0, Math.ceil(visibilitySeconds));
    try {
      const r = await this.client.updateMessage(message.id, message.popReceipt, undefined, seconds);
      if (r.popReceipt) message.popReceipt = r.popReceipt;
      if (r.nextVisibleOn) message.visibleAt = r.nextVisibleOn.getTime();
      return true;
    } catch (error) {
      if (isGone(error)) return false;
      throw translateStorageError(error, "queue message");
    }
  }

  async delete(message: QueuedMessage): Promise<void> {
    try {
      await this.client.deleteMessage(message.id, message.popReceipt);
    } catch (error) {
      if (isGone(error)) return;
      throw translateStorageError(error, "queue message");
    }
  }

  async approximateCount(): Promise<number> {
    const props = await this.call("queue properties", () => this.client.getProperties());
    return props.approximateMessagesCount ?? 0;
  }

  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      const e = translateStorageError(error, what);
      if (e === error && isConnectionProblem(error))
        throw new StorageUnavailableError(what, { cause: error });
      throw e;
    }
  }
}

/** A queue of the product (name prefixed like the tables). */
export function storageQueue(account: StorageAccount, name: string): StorageQueue {
  const full = `${account.settings.prefix}${name}`;
  const { connectionString, queuesUrl } = account.settings;
  // The SDK's own retries stay short: the dispatcher has its own loop and must notice outages.
  const options: StoragePipelineOptions = { retryOptions: { maxTries: 3, retryDelayInMs: 200 } };
  const service = connectionString
    ? QueueServiceClient.fromConnectionString(connectionString, options)
    : new QueueServiceClient(requireUrl(queuesUrl), account.tokenCredential(), options);
  return new StorageQueue(service.getQueueClient(full), full);
}

function requireUrl(url: string | undefined): string {
  if (!url) throw new Error("storage: queues URL is not configured");
  return url;
}

/** 404 (deleted meanwhile) or 400 PopReceiptMismatch (received by someone else since). */
function isGone(error: unknown): boolean {
  const e = error as { statusCode?: number; code?: string; details?: { errorCode?: string } };
  const code = e.code ?? e.details?.errorCode;
  return e.statusCode === 404 || code === "PopReceiptMismatch" || code === "MessageNotFound";
}

function isConnectionProblem(error: unknown): boolean {
  return /ECONNREFUSED|ECONNRESET|socket hang up|ETIMEDOUT/i.test(String((error as Error)?.message ?? ""));
}
