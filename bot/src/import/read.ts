// An upload → its tables (CSV, XLSX) or its JSON value. The format comes from ?format=, else the
// Content-Type, else the bytes themselves; when the bytes contradict the stated format (an .xlsx sent
// as CSV, an old .xls) the person is told which it is. Several CSV files (one per table) may come
// together as multipart/form-data, so a whole register imports in one go.
import { readCsv } from "./csv.js";
import { decodeText } from "./decode.js";
import { readXlsx } from "./xlsx.js";
import { UNNAMED_FILE, type ImportIssue, type Table } from "./types.js";
import type { ImportFormat } from "@goal-forecast/core/contract/imports";

export interface Upload {
  bytes: Uint8Array;
  format?: ImportFormat;
  contentType?: string;
}

export type ReadResult =
  { kind: "tables"; tables: Table[] } | { kind: "json"; value: unknown } | { kind: "failed" };

const XLSX_TYPES = /spreadsheetml|officedocument|application\/zip|ms-excel/i;

/** What the bytes are, as far as their first bytes tell. */
export function sniff(bytes: Uint8Array): "zip" | "ole" | "json" | "text" {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return "zip";
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return "ole";
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (
    i < bytes.length &&
    (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)
  )
    i++;
  return bytes[i] === 0x7b || bytes[i] === 0x5b ? "json" : "text";
}

export async function readUpload(upload: Upload, issues: ImportIssue[]): Promise<ReadResult> {
  if (/^multipart\/form-data/i.test(upload.contentType ?? "")) return readMultipart(upload, issues);
  const format = upload.format ?? formatOf(upload.contentType) ?? detected(upload.bytes);
  return readOne(upload.bytes, format, UNNAMED_FILE, issues);
}

async function readOne(
  bytes: Uint8Array,
  format: ImportFormat | undefined,
  name: string,
  issues: ImportIssue[],
): Promise<ReadResult> {
  if (bytes.length === 0) {
    issues.push({ severity: "error", code: "fileEmpty" });
    return { kind: "failed" };
  }
  const found = sniff(bytes);
  if (found === "ole") {
    issues.push({ severity: "error", code: "formatUnknown", params: { found: "xls" } });
    return { kind: "failed" };
  }
  if (format === undefined) {
    issues.push({ severity: "error", code: "formatUnknown", params: { found: "" } });
    return { kind: "failed" };
  }
  if (format === "xlsx" && found !== "zip")
    return mismatch(format, found === "json" ? "json" : "csv", issues);
  if (format !== "xlsx" && found === "zip") return mismatch(format, "xlsx", issues);

  if (format === "xlsx") return { kind: "tables", tables: await readXlsx(bytes, issues) };
  if (format === "json") {
    const decoded = decodeText(bytes);
    issues.push(...decoded.issues);
    if (!decoded.ok) return { kind: "failed" };
    try {
      return { kind: "json", value: JSON.parse(decoded.text.replace(/^\uFEFF/, "")) as unknown };
    } catch (error) {
      const position = /position (\d+)/.exec(String((error as Error).message))?.[1];
      const line = position ? decoded.text.slice(0, Number(position)).split("\n").length : undefined;
      issues.push({
        severity: "error",
        code: "jsonSyntax",
        ...(line ? { row: line } : {}),
        params: { line: line ?? "?" },
      });
      return { kind: "failed" };
    }
  }
  const table = readCsv(bytes, name, issues);
  return table ? { kind: "tables", tables: [table] } : { kind: "failed" };
}

async function readMultipart(upload: Upload, issues: ImportIssue[]): Promise<ReadResult> {
  let form: FormData;
  try {
    form = await new Response(upload.bytes, {
      headers: { "content-type": upload.contentType ?? "" },
    }).formData();
  } catch {
    issues.push({ severity: "error", code: "formatUnknown", params: { found: "multipart" } });
    return { kind: "failed" };
  }
  const tables: Table[] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === "string") continue; // form fields beside the files carry nothing we need
    const bytes = new Uint8Array(await value.arrayBuffer());
    const name = value.name || field;
    const format = upload.format ?? formatOfName(name) ?? detected(bytes);
    if (format === "json") {
      issues.push({
        severity: "error",
        code: "formatMismatch",
        table: name,
        params: { given: "multipart", found: "json" },
      });
      continue;
    }
    const result = await readOne(bytes, format, name, issues);
    if (result.kind === "tables") tables.push(...result.tables);
  }
  const kinds = new Map<string, string>();
  for (const t of tables) {
    const other = kinds.get(t.kind);
    if (other !== undefined)
      issues.push({ severity: "error", code: "tableTwice", table: t.source, params: { other } });
    kinds.set(t.kind, t.source);
  }
  if (tables.length === 0 && !issues.some((i) => i.severity === "error"))
    issues.push({ severity: "error", code: "noTables" });
  return { kind: "tables", tables };
}

function mismatch(given: ImportFormat, found: string, issues: ImportIssue[]): ReadResult {
  issues.push({ severity: "error", code: "formatMismatch", params: { given, found } });
  return { kind: "failed" };
}

function formatOf(contentType: string | undefined): ImportFormat | undefined {
  const type = (contentType ?? "").toLowerCase();
  if (XLSX_TYPES.test(type)) return "xlsx";
  if (type.includes("json")) return "json";
  if (type.includes("csv") || type.startsWith("text/")) return "csv";
  return undefined;
}

function formatOfName(name: string): ImportFormat | undefined {
  if (/\.xlsx$/i.test(name)) return "xlsx";
  if (/\.json$/i.test(name)) return "json";
  if (/\.(csv|txt|tsv)$/i.test(name)) return "csv";
  return undefined;
}

function detected(bytes: Uint8Array): ImportFormat | undefined {
  const found = sniff(bytes);
  return found === "zip" ? "xlsx" : found === "json" ? "json" : found === "text" ? "csv" : undefined;
}
