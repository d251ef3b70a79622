// What the dispatcher does with each outcome of a send: the one place where Teams' answers (as the
// sender reports them, see PLATFORM.md) become delivery states, retries or a halt.
import { retryDelayMs, type BackoffPolicy } from "./backoff.js";
import type { SendOutcome } from "./sender.js";

export type Decision =
  | { action: "sent"; activityId: string; conversationId: string }
  | {
      action: "final";
      state: "unreachable" | "failed" | "notInDirectory" | "consentMissing";
      reason: string;
      detail?: string;
    }
  | {
      action: "retry";
      delayMs: number;
      reason: string;
      detail?: string;
      /** 429: slow every sender (all instances) for this long. */
      throttleMs?: number;
      /** The row's state while it waits (default queued). */
      state?: "installing";
    }
  /** 401: the bot's credentials are refused; sending stops for everyone and the admin is told. */
  | { action: "halt"; reason: "unauthorized"; detail: string };

export interface RetryPolicy {
  maxAttempts: number;
  backoff: BackoffPolicy;
}

/** Statuses worth another attempt: 412, 500, 502, 504 (PLATFORM.md), and 408/503 which mean the same. */
const TRANSIENT = new Set([408, 412, 500, 502, 503, 504]);

/**
 * Decides what follows a send. `attempts` counts this attempt too. Anything else a 4xx means (bad
 * request, too large) fails at once: repeating it cannot help.
 */
export function decide(
  outcome: SendOutcome,
  attempts: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): Decision {
  switch (outcome.kind) {
    case "sent":
      return { action: "sent", activityId: outcome.activityId, conversationId: outcome.conversationId };
    case "unreachable":
      return {
        action: "final",
        state: "unreachable",
        reason: outcome.reason,
        ...(outcome.detail ? { detail: outcome.detail } : {}),
      };
    case "notReached":
      return {
        action: "final",
        state: outcome.state,
        reason: outcome.reason,
        ...(outcome.detail ? { detail: outcome.detail } : {}),
      };
    case "installing": {
      // Graph's throttling is its own (not Teams' 50/s): only this person waits.
      if (attempts >= policy.maxAttempts)
        return { action: "final", state: "failed", reason: "installing", detail: outcome.detail };
      const delayMs = retryDelayMs(attempts, policy.backoff, outcome.retryAfterMs, random);
      return { action: "retry", delayMs, reason: "installing", detail: outcome.detail, state: "installing" };
    }
    case "unauthorized":
      return { action: "halt", reason: "unauthorized", detail: outcome.detail };
    case "throttled": {
      if (attempts >= policy.maxAttempts) return { action: "final", state: "failed", reason: "throttled" };
      const delayMs = retryDelayMs(attempts, policy.backoff, outcome.retryAfterMs, random);
      return { action: "retry", delayMs, reason: "throttled", throttleMs: outcome.retryAfterMs ?? delayMs };
    }
    case "transient": {
      const reason = outcome.status ? `http${outcome.status}` : "network";
      const retryable =
        outcome.status === undefined || TRANSIENT.has(outcome.status) || outcome.status >= 500;
      if (!retryable || attempts >= policy.maxAttempts)
        return { action: "final", state: "failed", reason, detail: outcome.detail };
      return {
        action: "retry",
        delayMs: retryDelayMs(attempts, policy.backoff, undefined, random),
        reason,
        detail: outcome.detail,
      };
    }
  }
}
