// Storage failures the rest of the product reacts to, independent of the SDK that raised them.

/** A write based on a stale version (ETag mismatch), or a create of something that already exists. */
export class ConflictError extends Error {
  constructor(
    message: string,
    /** The stored state at the time of the conflict, when known: lets the caller show what changed. */
    public readonly current?: unknown,
  ) {
    super(message);
    this.name = "ConflictError";
  }
}

export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotFoundError";
  }
}

/** The storage service cannot be reached or refused to work: nothing was saved, the caller may retry. */
export class StorageUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StorageUnavailableError";
  }
}

interface RestErrorLike {
  statusCode?: number;
  code?: string;
  details?: { odataError?: { code?: string } };
}

const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "REQUEST_SEND_ERROR",
]);

/** Maps an @azure/* error to the product's storage errors; anything unknown is rethrown as is. */
export function translateStorageError(error: unknown, what: string): Error {
  const e = error as RestErrorLike & Error;
  const status = e?.statusCode;
  if (status === 412 || status === 409) return new ConflictError(`${what}: changed by someone else`);
  if (status === 404) return new NotFoundError(`${what}: not found`);
  if (
    status === 503 ||
    status === 500 ||
    (e?.code && UNAVAILABLE_CODES.has(e.code)) ||
    isConnectionFailure(e)
  ) {
    return new StorageUnavailableError(`${what}: storage unavailable`, { cause: error });
  }
  return e instanceof Error ? e : new Error(String(error));
}

function isConnectionFailure(e: unknown): boolean {
  const text = String((e as Error)?.message ?? "");
  return /ECONNREFUSED|ECONNRESET|socket hang up|connect ETIMEDOUT/i.test(text);
}
