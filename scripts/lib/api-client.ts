// A small client of the server's REST API for scripts (the admin CLI, the dispatch benchmark), through
// the contract (core/src/contract): api.call(contract.rounds.create, { body }) builds the URL from the
// route's declaration and reads the answer with its schema. A bearer token, and the API's own error
// message (in the requested language) carried in ApiError rather than a bare status.
import {
  answersJson,
  callRequest,
  contract,
  problemOf,
  readAnswer,
  type CallInput,
  type EndpointDefinition,
  type ResultOf,
} from "@goal-forecast/core/contract";

/** The API refused the request (4xx/5xx); `message` is the API's own, with the fields it named. */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export interface ApiClientOptions {
  url: string;
  token?: string;
  /** Language of the API's messages (Accept-Language). */
  lang?: string;
}

export class ApiClient {
  private token: string | undefined;

  constructor(private readonly options: ApiClientOptions) {
    this.token = options.token;
  }

  /** Signs in as a register person with the development issuer (development servers only). */
  async signInAs(personId: string): Promise<void> {
    const { token } = await this.call(contract.development.token, { body: { personId } });
    this.token = token;
  }

  /** Calls an endpoint of the contract; the JSON answer is read with its response schema. */
  async call<E extends EndpointDefinition>(e: E, input: CallInput<E>): Promise<ResultOf<E>> {
    const res = await this.request(e, input);
    const text = await res.text();
    if (!answersJson(e)) return undefined as ResultOf<E>;
    const answer = readAnswer(e, text ? JSON.parse(text) : undefined);
    if (!answer.ok)
      throw new ApiError(
        res.status,
        "invalidAnswer",
        `the server's answer to ${e.path} does not fit the contract`,
      );
    return answer.value;
  }

  /** The raw answer of a download (exports); throws ApiError when it is not a success. */
  async download<E extends EndpointDefinition>(e: E, input: CallInput<E>): Promise<Response> {
    return this.request(e, input);
  }

  private async request<E extends EndpointDefinition>(e: E, input: CallInput<E>): Promise<Response> {
    const call = callRequest(e, input);
    // Named in the audit trail as the CLI (bot/src/api/http.ts, CHANNEL_HEADER).
    const headers: Record<string, string> = { "x-goal-forecast-channel": "cli" };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (this.options.lang) headers["accept-language"] = this.options.lang;
    if (call.json !== undefined) headers["content-type"] = "application/json";
    const url = new URL(
      call.path,
      this.options.url.endsWith("/") ? this.options.url : `${this.options.url}/`,
    );
    let res: Response;
    try {
      res = await fetch(url, {
        method: call.method,
        headers,
        ...(call.json !== undefined ? { body: call.json } : {}),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      throw new ApiError(0, "unreachable", `cannot reach the server at ${this.options.url} (${cause})`);
    }
    if (res.ok) return res;
    throw await errorOf(res);
  }
}

async function errorOf(res: Response): Promise<ApiError> {
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON: use the status line */
  }
  const error = problemOf(body);
  const fields = (error?.fields ?? []).map((f) => `${f.field ?? "?"}: ${f.message ?? ""}`).join("; ");
  const message = [error?.message ?? `${res.status} ${res.statusText}`, fields].filter(Boolean).join(" — ");
  return new ApiError(res.status, error?.code ?? String(res.status), message);
}
