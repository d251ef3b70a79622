// Microsoft Graph over plain fetch, app-only: the one place that talks to Graph. It signs requests with
// an @azure/identity credential (none for a local Graph in development), honours 429 + Retry-After
// with bounded waits (one "throttled until" for the whole process, as Graph throttles per tenant and
// app), and turns Graph's refusals into typed errors: 403 → GraphConsentError naming the permission the
// admin must grant; 404 is an answer (not found), never an exception.
import type { TokenCredential } from "@azure/identity";
import type { Logger } from "../logging.js";

/** The application permissions the app uses, each named in docs/DEPLOY.md. */
export type GraphPermission =
  "User.Read.All" | "AppCatalog.Read.All" | "TeamsAppInstallation.ReadWriteSelfForUser.All";

export interface GraphRequest {
  method: "GET" | "POST";
  /** Relative to /v1.0, e.g. "/users/x@y?$select=id". */
  url: string;
  body?: unknown;
  /** Named in the error when Graph refuses it (403). */
  permission: GraphPermission;
}

export interface GraphAnswer<T = unknown> {
  status: number;
  body: T | undefined;
}

export class GraphError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = "GraphError";
  }
}

/** Graph refused the call: the admin has not consented to `permission` (or a policy blocks the app). */
export class GraphConsentError extends GraphError {
  constructor(
    readonly permission: GraphPermission,
    code: string | undefined,
    detail: string,
  ) {
    super(`consent missing: ${permission} (${detail})`, 403, code);
    this.name = "GraphConsentError";
  }
}

/** Graph kept answering 429 (or 503) longer than the caller may wait; try again after `retryAfterMs`. */
export class GraphThrottledError extends GraphError {
  constructor(readonly retryAfterMs: number) {
    super(`Microsoft Graph is throttling: retry after ${retryAfterMs} ms`, 429, "TooManyRequests");
    this.name = "GraphThrottledError";
  }
}

export interface GraphClientOptions {
  /** e.g. https://graph.microsoft.com, or a local Graph. */
  endpoint: string;
  /** Undefined: no Authorization header (a local Graph in development). */
  credential?: TokenCredential;
  logger: Logger;
  /** Longest one call (or one $batch group) may take, waits for 429s included, unless the caller gives a deadline. */
  maxWaitMs?: number;
  /** Retries of one call after a 429/503/504. */
  maxRetries?: number;
  /** Each HTTP request's own time limit. */
  timeoutMs?: number;
}

/** Graph's limit for one $batch. */
export const BATCH_SIZE = 20;
const RETRYABLE = new Set([429, 503, 504]);

export class GraphClient {
  private throttledUntil = 0;
  private readonly maxWaitMs: number;
  private readonly maxRetries: number;
  private readonly timeoutMs: number;
  private readonly base: string;
  private readonly scope: string;

  constructor(private readonly options: GraphClientOptions) {
    this.maxWaitMs = options.maxWaitMs ?? 8000;
    this.maxRetries = options.maxRetries ?? 5;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.base = `${options.endpoint.replace(/\/+$/, "")}/v1.0`;
    this.scope = `${new URL(options.endpoint).origin}/.default`;
  }

  /**
   * One call. 2xx, 404 and 409 are answers; 403 throws GraphConsentError; other failures GraphError.
   * `deadline` (epoch ms): several calls that must finish together (an install inside a send) share it.
   */
  async call<T>(request: GraphRequest, deadline?: number): Promise<GraphAnswer<T>> {
    const until = deadline ?? Date.now() + this.maxWaitMs;
    for (let attempt = 0; ; attempt++) {
      await this.waitOutThrottle(until);
      const res = await this.send(request.method, request.url, request.body, until);
      const body = await readJson(res);
      if (RETRYABLE.has(res.status)) {
        this.throttled(retryAfterMs(res.headers.get("retry-after"), attempt), res.status);
        if (attempt < this.maxRetries) continue;
        throw new GraphThrottledError(Math.max(0, this.throttledUntil - Date.now()));
      }
      return this.answer<T>(request, res.status, body);
    }
  }

  /**
   * Many calls, in $batch requests of 20 (run one after another: Graph counts each inner request
   * against the limits anyway). Inner 429s are retried after their Retry-After like single calls.
   * Answers in the order asked; a 403 inside throws GraphConsentError.
   */
  async batch<T>(requests: readonly GraphRequest[], deadline?: number): Promise<GraphAnswer<T>[]> {
    const answers: GraphAnswer<T>[] = new Array<GraphAnswer<T>>(requests.length);
    for (let start = 0; start < requests.length; start += BATCH_SIZE) {
      let pending = requests
        .slice(start, start + BATCH_SIZE)
        .map((request, i) => ({ request, index: start + i }));
      const until = deadline ?? Date.now() + this.maxWaitMs;
      for (let attempt = 0; pending.length > 0; attempt++) {
        await this.waitOutThrottle(until);
        const res = await this.send(
          "POST",
          "/$batch",
          {
            requests: pending.map(({ request, index }) => ({
              id: String(index),
              method: request.method,
              url: request.url,
              ...(request.body !== undefined
                ? { body: request.body, headers: { "content-type": "application/json" } }
                : {}),
            })),
          },
          until,
        );
        const body = await readJson(res);
        if (RETRYABLE.has(res.status)) {
          this.throttled(retryAfterMs(res.headers.get("retry-after"), attempt), res.status);
          if (attempt < this.maxRetries) continue;
          throw new GraphThrottledError(Math.max(0, this.throttledUntil - Date.now()));
        }
        if (res.status !== 200) throw failure(res.status, body, "$batch");
        const responses = (body as { responses?: BatchResponse[] } | undefined)?.responses ?? [];
        const byId = new Map(responses.map((r) => [String(r.id), r]));
        const again: typeof pending = [];
        for (const item of pending) {
          const r = byId.get(String(item.index));
          if (!r) throw new GraphError(`$batch answered without request ${item.index}`);
          if (RETRYABLE.has(r.status)) {
            this.throttled(retryAfterMs(headerOf(r.headers, "retry-after"), attempt), r.status);
            again.push(item);
            continue;
          }
          answers[item.index] = this.answer<T>(item.request, r.status, r.body);
        }
        if (again.length > 0 && attempt >= this.maxRetries)
          throw new GraphThrottledError(Math.max(0, this.throttledUntil - Date.now()));
        pending = again;
      }
    }
    return answers;
  }

  private answer<T>(request: GraphRequest, status: number, body: unknown): GraphAnswer<T> {
    if (status === 403 || status === 401) {
      const { code, message } = errorOf(body);
      throw new GraphConsentError(request.permission, code, message ?? `HTTP ${status}`);
    }
    if ((status >= 200 && status < 300) || status === 404 || status === 409)
      return { status, body: body as T | undefined };
    throw failure(status, body, request.url);
  }

  private throttled(ms: number, status: number): void {
    const until = Date.now() + ms;
    if (until > this.throttledUntil) {
      this.throttledUntil = until;
      this.options.logger.info({ status, retryAfterMs: ms }, "Microsoft Graph asks to slow down");
    }
  }

  /** Waits while Graph throttles the app; gives up when the wait would pass the deadline. */
  private async waitOutThrottle(until: number): Promise<void> {
    const wait = this.throttledUntil - Date.now();
    if (wait <= 0) return;
    if (Date.now() + wait > until) throw new GraphThrottledError(wait);
    await new Promise((resolve) => setTimeout(resolve, wait));
  }

  private async send(method: string, url: string, body: unknown, until: number): Promise<Response> {
    const left = until - Date.now();
    if (left <= 0) throw new GraphError("Microsoft Graph did not answer in time");
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (this.options.credential) {
      const token = await this.options.credential.getToken(this.scope);
      if (!token) throw new GraphError("no token for Microsoft Graph");
      headers.authorization = `Bearer ${token.token}`;
    }
    try {
      return await fetch(`${this.base}${url}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(Math.min(this.timeoutMs, left)),
      });
    } catch (error) {
      throw new GraphError(`Microsoft Graph not reachable: ${(error as Error).message}`);
    }
  }
}

interface BatchResponse {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

function headerOf(headers: Record<string, string> | undefined, name: string): string | null {
  if (!headers) return null;
  const hit = Object.entries(headers).find(([k]) => k.toLowerCase() === name);
  return hit ? hit[1] : null;
}

/** Retry-After in seconds (Graph sends seconds), else a short exponential wait. */
function retryAfterMs(header: string | null, attempt: number): number {
  const seconds = header === null ? Number.NaN : Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds, 120) * 1000;
  return Math.min(500 * 2 ** attempt, 10_000);
}

function errorOf(body: unknown): { code?: string; message?: string } {
  const e = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  return {
    ...(typeof e?.code === "string" ? { code: e.code } : {}),
    ...(typeof e?.message === "string" ? { message: e.message } : {}),
  };
}

function failure(status: number, body: unknown, what: string): GraphError {
  const { code, message } = errorOf(body);
  return new GraphError(
    `Microsoft Graph answered ${status} to ${what}: ${message ?? code ?? ""}`,
    status,
    code,
  );
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
