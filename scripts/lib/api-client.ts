// A small client of the server's REST API for scripts (the admin CLI, the dispatch benchmark):
// JSON in and out, a bearer token, and the API's own error message (in the requested language)
// carried in ApiError rather than a bare status.

export interface ApiErrorBody {
  error?: { code?: string; message?: string; fields?: { field?: string; message?: string }[] };
}

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
    const { token } = await this.json<{ token: string }>("POST", "/api/dev/token", { personId });
    this.token = token;
  }

  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.request(method, path, body);
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** The raw answer of a download (exports); throws ApiError when it is not a success. */
  async download(path: string): Promise<Response> {
    return this.request("GET", path);
  }

  private async request(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (this.options.lang) headers["accept-language"] = this.options.lang;
    if (body !== undefined) headers["content-type"] = "application/json";
    const url = new URL(path, this.options.url.endsWith("/") ? this.options.url : `${this.options.url}/`);
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
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
  let parsed: ApiErrorBody | undefined;
  try {
    parsed = JSON.parse(text) as ApiErrorBody;
  } catch {
    /* not JSON: use the status line */
  }
  const error = parsed?.error;
  const fields = (error?.fields ?? []).map((f) => `${f.field ?? "?"}: ${f.message ?? ""}`).join("; ");
  const message = [error?.message ?? `${res.status} ${res.statusText}`, fields].filter(Boolean).join(" — ");
  return new ApiError(res.status, error?.code ?? String(res.status), message);
}
