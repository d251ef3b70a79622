// fetch() with JSON handling and an optional bearer token: how the tests talk to the server's API,
// whether it runs in the test process (app.ts) or as a child process (server-process.ts).

export interface ApiInit {
  method?: string;
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
}

export interface ApiAnswer {
  status: number;
  body: unknown;
  headers: Headers;
}

export async function requestJson(url: string, init: ApiInit = {}): Promise<ApiAnswer> {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: string | undefined;
  if (init.body !== undefined) {
    headers["content-type"] ??= "application/json";
    body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
  }
  const res = await fetch(url, {
    method: init.method ?? "GET",
    headers,
    ...(body !== undefined ? { body } : {}),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, body: parsed, headers: res.headers };
}
