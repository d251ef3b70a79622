// Waits of the dispatch pipeline. Their timers never keep the process alive (a stopping server
// does not wait for a backoff).
import { setTimeout as wait } from "node:timers/promises";

export function delay(ms: number): Promise<void> {
  return wait(ms, undefined, { ref: false });
}

/** The promise's value, or "timeout" if it has not settled after `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | "timeout"> {
  const timer = new AbortController();
  try {
    return await Promise.race([promise, wait(ms, "timeout" as const, { ref: false, signal: timer.signal })]);
  } finally {
    timer.abort();
  }
}
