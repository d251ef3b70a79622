// Objects are stored as JSON in chunked string properties: a table property holds at most 64 KiB
// (32K UTF-16 characters), an entity at most 1 MiB. Long narratives and milestone lists fit that way.
import type { TableEntity } from "@azure/data-tables";

const CHUNK = 30_000;
const MAX_CHUNKS = 15; // 450K characters, well under the 1 MiB entity limit

export type StoredEntity = TableEntity<Record<string, unknown>> & { etag?: string };

export function packJson(value: unknown): Record<string, string> {
  const json = JSON.stringify(value);
  const chunks = Math.max(1, Math.ceil(json.length / CHUNK));
  if (chunks > MAX_CHUNKS) throw new RangeError(`entity too large: ${json.length} characters`);
  const out: Record<string, string> = {};
  for (let i = 0; i < chunks; i++) out[`json${i}`] = json.slice(i * CHUNK, (i + 1) * CHUNK);
  return out;
}

export function unpackJson<T>(entity: Record<string, unknown>): T {
  let json = "";
  for (let i = 0; typeof entity[`json${i}`] === "string"; i++) json += entity[`json${i}`] as string;
  return JSON.parse(json) as T;
}

/** Column names the chunking uses, to select only the payload in queries. */
export function jsonColumns(): string[] {
  return Array.from({ length: MAX_CHUNKS }, (_, i) => `json${i}`);
}

/** Table keys may not contain / \ # ? or control characters; ids are checked before they get here. */
export function safeKey(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what keys may not hold
  if (!/^[^/\\#?\u0000-\u001f\u007f-\u009f]{1,512}$/.test(value))
    throw new RangeError(`not a valid key: ${JSON.stringify(value)}`);
  return value;
}

/** An OData string literal for a filter. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
