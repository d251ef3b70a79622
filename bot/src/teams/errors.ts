// Bot Connector failures as the round machinery needs them (PLATFORM.md): throttled with Retry-After,
// transient, unreachable with the documented reason, or unauthorized. No retrying here.
import type { SendOutcome, UnreachableReason } from "../dispatch/sender.js";

export interface ConnectorFailure {
  status?: number;
  code?: string;
  retryAfterMs?: number;
  message: string;
}

type HeadersLike = { get?(name: string): string | undefined | null } | Record<string, unknown>;

interface ErrorLike {
  statusCode?: unknown;
  code?: unknown;
  message?: unknown;
  response?: {
    status?: unknown;
    headers?: HeadersLike;
    bodyAsText?: unknown;
    parsedBody?: unknown;
  };
  body?: unknown;
  details?: unknown;
}

function codeFromBody(body: unknown): string | undefined {
  let value = body;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return undefined;
    }
  }
  const code = (value as { error?: { code?: unknown } } | undefined)?.error?.code;
  return typeof code === "string" ? code : undefined;
}

function header(headers: HeadersLike | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as { get?: unknown }).get === "function") {
    return (headers as { get(n: string): string | undefined | null }).get(name) ?? undefined;
  }
  const record = headers as Record<string, unknown>;
  const found = Object.keys(record).find((k) => k.toLowerCase() === name);
  return found && typeof record[found] === "string" ? (record[found] as string) : undefined;
}

/** Retry-After as seconds or an HTTP date, in milliseconds from now. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Reads status, error code and Retry-After from whatever botbuilder's connector client threw. */
export function describeConnectorError(error: unknown): ConnectorFailure {
  const e = (error ?? {}) as ErrorLike;
  const statusRaw = e.statusCode ?? e.response?.status;
  const status = typeof statusRaw === "number" ? statusRaw : undefined;
  const bodyCode =
    codeFromBody(e.response?.parsedBody) ??
    codeFromBody(e.response?.bodyAsText) ??
    codeFromBody(e.body) ??
    codeFromBody(e.details);
  const code = bodyCode ?? (typeof e.code === "string" ? e.code : undefined);
  const retryAfterMs = parseRetryAfter(header(e.response?.headers, "retry-after"));
  const failure: ConnectorFailure = { message: typeof e.message === "string" ? e.message : String(error) };
  if (status !== undefined) failure.status = status;
  if (code !== undefined) failure.code = code;
  if (retryAfterMs !== undefined) failure.retryAfterMs = retryAfterMs;
  return failure;
}

const UNREACHABLE: Record<string, UnreachableReason> = {
  ConversationBlockedByUser: "blockedByUser",
  BotNotInConversationRoster: "notInstalled",
  BotDisabledByAdmin: "disabledByAdmin",
  ConversationNotFound: "conversationNotFound",
};

/** Is this the stale-reference 404 after which the 1:1 chat is recreated once? */
export function isConversationNotFound(failure: ConnectorFailure): boolean {
  return failure.status === 404;
}

/** The outcome the dispatcher acts on, from one failed connector call. */
export function outcomeOf(failure: ConnectorFailure): SendOutcome {
  const detail = [failure.status, failure.code, failure.message].filter((p) => p !== undefined).join(" ");
  const { status } = failure;
  if (status === 429) {
    return failure.retryAfterMs !== undefined
      ? { kind: "throttled", retryAfterMs: failure.retryAfterMs }
      : { kind: "throttled" };
  }
  if (status === 401) return { kind: "unauthorized", detail };
  if (status === 403) {
    const reason = (failure.code ? UNREACHABLE[failure.code] : undefined) ?? "notInstalled";
    return { kind: "unreachable", reason, detail };
  }
  if (status === 404) return { kind: "unreachable", reason: "conversationNotFound", detail };
  // 412, 500, 502, 503, 504, timeouts and network failures: the dispatcher retries with backoff.
  return status !== undefined ? { kind: "transient", status, detail } : { kind: "transient", detail };
}
