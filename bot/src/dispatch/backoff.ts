// How long to wait before the next attempt: exponential with "equal jitter" (half fixed, half random),
// so retries of many recipients spread out instead of arriving together; never sooner than the
// service's Retry-After.

export interface BackoffPolicy {
  /** Delay after the first failure. */
  baseMs: number;
  /** Longest delay. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, maxMs: 60_000 };

/** Delay before attempt `failures + 1`, given how many attempts failed so far (≥ 1). */
export function retryDelayMs(
  failures: number,
  policy: BackoffPolicy,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
  const jittered = exponential / 2 + (random() * exponential) / 2;
  return Math.max(Math.round(jittered), retryAfterMs ?? 0);
}
