// The tab's HTTP client, generated from the contract (core/src/contract): api.call(contract.rounds.get,
// { params: { roundId } }) builds the URL from the route's declaration and reads the answer with its
// response schema, so the tab neither writes paths nor declares what the server answers. The person's
// token goes as Bearer, the chosen language for the server's messages, and every failure is an
// ApiError carrying the server's message in that language.
import {
  answersJson,
  callRequest,
  problemOf,
  readAnswer as readWithSchema,
  type CallInput as ContractCallInput,
  type EndpointDefinition,
  type ResultOf,
} from "@goal-forecast/core/contract";
import type { FieldProblem, RowProblem } from "@goal-forecast/core/contract/errors";
import type { Language } from "@goal-forecast/core/domain/model";
import type { TokenSource } from "../auth/tokens";

export type { FieldProblem, RowProblem };

export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly fields: FieldProblem[] = [],
    /** The server has no such route: an older or partial deployment. */
    public readonly unknownRoute = false,
    public readonly rows: RowProblem[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** A call's input as the contract says, plus what only the browser sends. */
export type CallInput<E extends EndpointDefinition> = ContractCallInput<E> & {
  /** A raw body (file upload) with its content type, for routes that take one. */
  upload?: { data: Blob; type: string };
  signal?: AbortSignal;
};

export class ApiClient {
  constructor(
    private readonly tokens: TokenSource,
    private readonly language: Language,
    private readonly onUnauthorized: () => void,
  ) {}

  /** Calls an endpoint of the contract; the answer is read (and checked) with its response schema. */
  async call<E extends EndpointDefinition>(e: E, input: CallInput<E>): Promise<ResultOf<E>> {
    const res = await this.send(e, input, "application/json");
    return readAnswer(e, res);
  }

  /** Fetches a file the server produces and hands it to the browser as a download. */
  async download<E extends EndpointDefinition>(
    e: E,
    input: CallInput<E>,
    fallbackName: string,
  ): Promise<void> {
    const res = await this.send(e, input, "*/*");
    const blob = await res.blob();
    const disposition = res.headers.get("content-disposition") ?? "";
    const name =
      /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] ?? /filename="?([^";]+)"?/i.exec(disposition)?.[1];
    saveBlob(blob, name ? decodeURIComponent(name) : fallbackName);
  }

  private async send<E extends EndpointDefinition>(
    e: E,
    input: CallInput<E>,
    accept: string,
  ): Promise<Response> {
    // Named in the audit trail as the tab (bot/src/api/http.ts, CHANNEL_HEADER).
    const headers: Record<string, string> = {
      accept,
      "accept-language": this.language,
      "x-goal-forecast-channel": "tab",
    };
    let token: string | undefined;
    try {
      token = await this.tokens.token();
    } catch {
      throw new ApiError(401, "unauthorized", "");
    }
    if (token) headers.authorization = `Bearer ${token}`;
    try {
      return await request(e, input, headers, this.language);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        this.tokens.forget();
        this.onUnauthorized();
      }
      throw error;
    }
  }
}

/** Calls a route that needs no sign-in (the tab's configuration, the development sign-in). */
export async function callPublic<E extends EndpointDefinition>(
  e: E,
  input: CallInput<E>,
): Promise<ResultOf<E>> {
  return readAnswer(e, await request(e, input, { accept: "application/json" }));
}

async function request<E extends EndpointDefinition>(
  e: E,
  input: CallInput<E>,
  headers: Record<string, string>,
  language?: Language,
): Promise<Response> {
  const call = callRequest(e, input, { lang: language });
  let body: BodyInit | undefined = call.json;
  if (input.upload) {
    headers["content-type"] = input.upload.type;
    body = input.upload.data;
  } else if (body !== undefined) headers["content-type"] = "application/json";
  let res: Response;
  try {
    res = await fetch(call.path, {
      method: call.method,
      headers,
      ...(body !== undefined ? { body } : {}),
      ...(input.signal ? { signal: input.signal } : {}),
    });
  } catch (error) {
    if ((error as { name?: string }).name === "AbortError") throw error;
    throw new ApiError(0, "network", "");
  }
  if (res.ok) return res;
  const error = problemOf(await res.json().catch(() => ({})));
  throw new ApiError(
    res.status,
    error?.code ?? "internal",
    error?.message ?? res.statusText,
    error?.fields ?? [],
    error?.unknownRoute === true,
    error?.rows ?? [],
  );
}

async function readAnswer<E extends EndpointDefinition>(e: E, res: Response): Promise<ResultOf<E>> {
  if (!answersJson(e) || res.status === 204) return undefined as ResultOf<E>;
  const answer = readWithSchema(e, await res.json());
  if (answer.ok) return answer.value;
  // The server answered something its own contract does not describe: a deployment out of step.
  console.error(`${e.method.toUpperCase()} ${e.path}: answer does not fit the contract`, answer.issues);
  throw new ApiError(res.status, "internal", "");
}

/** Offers data to the browser as a file (JSON behind a view, or an export). */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.rel = "noopener";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export function saveJson(data: unknown, name: string): void {
  saveBlob(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }), name);
}
