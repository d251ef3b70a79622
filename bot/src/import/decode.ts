// Bytes of a text file (CSV, JSON) → text, without losing ä, ö and å.
// Excel on a Finnish Windows saves "CSV (comma delimited)" in Windows-1252 and "CSV UTF-8" with a BOM;
// "Unicode text" is UTF-16 with a BOM. Those three are read; anything else is refused with a reason.
import type { ImportIssue } from "./types.js";

export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

export type Decoded =
  | { ok: true; text: string; encoding: TextEncodingName; issues: ImportIssue[] }
  | { ok: false; issues: ImportIssue[] };

/** Bytes Windows-1252 leaves undefined: their presence means the file is in some other encoding. */
const UNDEFINED_IN_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/** Text that was UTF-8, read as Latin-1 and saved again ("Ã¤" for "ä"): worth a warning. */
const MOJIBAKE = /Ã[¤¶¥„–…©¼]|Ã\u0085|Ã\u0096/;

export function decodeText(bytes: Uint8Array, table?: string): Decoded {
  const at = table === undefined ? {} : { table };
  if (bytes.length === 0) return fail({ severity: "error", code: "fileEmpty", ...at });

  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return utf8(bytes.subarray(3), at);
  if (startsWith(bytes, [0xff, 0xfe])) return utf16(bytes.subarray(2), "utf-16le", at);
  if (startsWith(bytes, [0xfe, 0xff])) return utf16(bytes.subarray(2), "utf-16be", at);

  // NUL bytes never occur in a text file in UTF-8 or Windows-1252: UTF-16 without a BOM, or not text.
  if (bytes.subarray(0, 4096).includes(0)) {
    return fail({ severity: "error", code: "encodingUnknown", ...at });
  }
  return utf8(bytes, at);
}

function utf8(bytes: Uint8Array, at: { table?: string }): Decoded {
  const scan = scanUtf8(bytes);
  if (scan.firstInvalid < 0) {
    const text = new TextDecoder("utf-8").decode(bytes);
    return { ok: true, text, encoding: "utf-8", issues: suspicious(text, at) };
  }
  const line = lineOf(bytes, scan.firstInvalid);
  // Valid multi-byte UTF-8 next to invalid bytes: two encodings in one file (e.g. rows pasted from
  // another file). Guessing would turn one half into "Ã¤"-noise, so refuse and point at the line.
  if (scan.multibyte > 0) {
    return fail({ severity: "error", code: "encodingMixed", ...at, row: line, params: { line } });
  }
  for (const b of bytes) {
    if (UNDEFINED_IN_1252.has(b)) return fail({ severity: "error", code: "encodingUnknown", ...at });
  }
  const text = new TextDecoder("windows-1252").decode(bytes);
  return {
    ok: true,
    text,
    encoding: "windows-1252",
    issues: [
      {
        severity: "warning",
        code: "encodingConverted",
        ...at,
        params: { encoding: "Windows-1252 (Latin-1)", line },
      },
    ],
  };
}

function utf16(bytes: Uint8Array, encoding: "utf-16le" | "utf-16be", at: { table?: string }): Decoded {
  try {
    const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return { ok: true, text, encoding, issues: [] };
  } catch {
    return fail({ severity: "error", code: "encodingUnknown", ...at });
  }
}

function suspicious(text: string, at: { table?: string }): ImportIssue[] {
  const match = MOJIBAKE.exec(text);
  if (!match) return [];
  const line = text.slice(0, match.index).split("\n").length;
  return [
    {
      severity: "warning",
      code: "encodingSuspicious",
      ...at,
      row: line,
      params: { line, text: match[0] },
    },
  ];
}

/**
 * Walks the bytes as UTF-8: where the first invalid sequence is (-1 if none), and how many valid
 * multi-byte characters were seen before it (evidence that the file means to be UTF-8).
 */
export function scanUtf8(bytes: Uint8Array): { firstInvalid: number; multibyte: number } {
  let multibyte = 0;
  let firstInvalid = -1;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let valid = length > 0 && i + length <= bytes.length;
    for (let k = 1; valid && k < length; k++) valid = (bytes[i + k]! & 0xc0) === 0x80;
    if (valid && length === 3) {
      const c = bytes[i + 1]!;
      valid = !(b === 0xe0 && c < 0xa0) && !(b === 0xed && c > 0x9f); // overlong, surrogates
    }
    if (valid && length === 4) {
      const c = bytes[i + 1]!;
      valid = !(b === 0xf0 && c < 0x90) && !(b === 0xf4 && c > 0x8f);
    }
    if (!valid) {
      if (firstInvalid < 0) firstInvalid = i;
      i++;
      continue;
    }
    multibyte++;
    i += length;
  }
  return { firstInvalid, multibyte };
}

function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function fail(issue: ImportIssue): Decoded {
  return { ok: false, issues: [issue] };
}
