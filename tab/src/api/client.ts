// The tab's HTTP client: JSON in and out, the person's token as Bearer, the chosen language for the
// server's messages, and every failure as an ApiError carrying the server's message in that language.
import type { Language } from "@goal-forecast/core/domain/model";
import type { TokenSource } from "../auth/tokens";

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

export interface RowProblem {
  /** Sheet or table of the file, when it has several. */
  table?: string;
  row?: number;
  column?: string;
  code: string;
  /** The whole sentence in the person's language, place included. */
  message: string;
}

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

export interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  body?: unknown;
  /** A raw body (file upload) with its content type. */
  raw?: { data: Blob; type: string };
  signal?: AbortSignal;
}

export class ApiClient {
  constructor(
    private readonly tokens: TokenSource,
    private readonly language: Language,
    private readonly onUnauthorized: () => void,
  ) {}

  async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const res = await this.send(path, options, "application/json");
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  }

  /** Fetches a file the server produces and hands it to the browser as a download. */
  async download(path: string, fallbackName: string): Promise<void> {
    const res = await this.send(path, {}, "*/*");
    const blob = await res.blob();
    const disposition = res.headers.get("content-disposition") ?? "";
    const name =
      /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] ?? /filename="?([^";]+)"?/i.exec(disposition)?.[1];
    saveBlob(blob, name ? decodeURIComponent(name) : fallbackName);
  }

  private async send(path: string, options: RequestOptions, accept: string): Promise<Response> {
    const headers: Record<string, string> = { accept, "accept-language": this.language };
    let token: string | undefined;
    try {
      token = await this.tokens.token();
    } catch {
      throw new ApiError(401, "unauthorized", "");
    }
    if (token) headers.authorization = `Bearer ${token}`;
    let body: BodyInit | undefined;
    if (options.raw) {
      headers["content-type"] = options.raw.type;
      body = options.raw.data;
    } else if (options.body !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(options.body);
    }
    const separator = path.includes("?") ? "&" : "?";
    let res: Response;
    try {
      res = await fetch(`${path}${separator}lang=${this.language}`, {
        method: options.method ?? "GET",
        headers,
        ...(body !== undefined ? { body } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      if ((error as { name?: string }).name === "AbortError") throw error;
      throw new ApiError(0, "network", "");
    }
    if (res.ok) return res;
    const problem = (await res.json().catch(() => ({}))) as {
      error?: {
        code?: string;
        message?: string;
        fields?: FieldProblem[];
        unknownRoute?: boolean;
        rows?: RowProblem[];
      };
    };
    const e = problem.error ?? {};
    if (res.status === 401) {
      this.tokens.forget();
      this.onUnauthorized();
    }
    throw new ApiError(
      res.status,
      e.code ?? "internal",
      e.message ?? res.statusText,
      e.fields ?? [],
      e.unknownRoute === true,
      e.rows ?? [],
    );
  }
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
