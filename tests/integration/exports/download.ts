// Downloads an export as the tab's buttons do: bytes, status and headers.
import type { TestApp } from "../../support/app.js";

export interface Download {
  status: number;
  headers: Headers;
  body: Buffer;
  /** The parsed JSON error or body, when the answer is JSON. */
  json?: unknown;
}

export async function download(app: TestApp, path: string, personId?: string): Promise<Download> {
  const headers: Record<string, string> = {};
  if (personId) headers.authorization = `Bearer ${await app.tokenFor(personId)}`;
  const res = await fetch(`${app.url}${path}`, { headers });
  const body = Buffer.from(await res.arrayBuffer());
  const result: Download = { status: res.status, headers: res.headers, body };
  if (res.headers.get("content-type")?.startsWith("application/json"))
    result.json = JSON.parse(body.toString("utf8"));
  return result;
}

export const MANAGER = "p-jari-toivonen";
export const ADMIN = "p-tuuli-rantanen";
