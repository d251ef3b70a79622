// fast-check generators of the input a buggy client or an attacker sends: arbitrary JSON, values of
// the wrong type under the keys a schema expects, prototype-pollution keys, huge and odd unicode
// strings, broken percent-encoding. Shared by the property suites in tests/integration/properties/.
import fc from "fast-check";

/** Requests print shortened in a counterexample: a generated one can be 100 kB long. */
export function described<T extends object>(value: T): T {
  return Object.assign(value, {
    [fc.toStringMethod]: () => {
      const text = JSON.stringify(value);
      return text.length > 600 ? `${text.slice(0, 600)}… (${text.length} characters)` : text;
    },
  });
}

export interface RawRequest {
  method: string;
  /** Path and query, already encoded (or deliberately mis-encoded). */
  path: string;
  text?: string;
  contentType?: string;
}

/** Keys that reach Object.prototype or operators of query languages when handled carelessly. */
export const DANGEROUS_KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "$where",
  "$gt",
  "PartitionKey",
  "RowKey",
  "odata.etag",
] as const;

const NASTY_STRINGS = [
  "",
  " ",
  "\u0000",
  "../../etc/passwd",
  "..",
  "%00",
  "<img src=x onerror=alert(1)>",
  '=HYPERLINK("http://x")',
  "'; DROP TABLE reports; --",
  "PartitionKey eq 'x' or true",
  "{{7*7}}${7*7}",
  "\u202e\u0301\ud83d\ude00",
  "NaN",
  "-1",
  "1e309",
  "true",
  "null",
] as const;

/** Strings: unicode of every plane, control characters, known-nasty values, and huge ones. */
export function hostileText(maxHuge = 100_000): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string(),
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.constantFrom(...NASTY_STRINGS),
    fc
      .tuple(
        fc.constantFrom("x", "ä", "😀", "<", "\u0000"),
        fc.integer({ min: Math.min(1_000, maxHuge), max: maxHuge }),
      )
      .map(([c, n]) => c.repeat(Math.ceil(n / c.length))),
  );
}

/** A JSON value of any shape, wrong types under expected keys included. */
function anyValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    hostileText(20_000),
    fc.constantFrom(0, -1, 1.5, 2 ** 53, -(2 ** 31), true, false, null, [], {}),
  );
}

/** JSON text written by hand, so keys like __proto__ are sent as own keys of the object. */
function objectText(entries: [string, unknown][]): string {
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? "null"}`).join(",")}}`;
}

/**
 * Well-formed JSON text: arbitrary JSON, objects whose keys are the schema's own (`keys`), dangerous
 * or random, with values of any type, and prototype-pollution payloads.
 */
export function wellFormedJson(keys: readonly string[] = []): fc.Arbitrary<{ text: string }> {
  const key = fc.oneof(
    ...(keys.length > 0 ? [fc.constantFrom(...keys)] : []),
    fc.constantFrom(...DANGEROUS_KEYS),
    fc.string({ maxLength: 20 }),
  );
  const entries = fc.array(fc.tuple(key, anyValue()), { maxLength: 12 });
  return fc.oneof(
    fc.jsonValue({ maxDepth: 4 }).map((v) => ({ text: JSON.stringify(v) ?? "null" })),
    entries.map((e) => ({ text: objectText(e) })),
    fc.tuple(fc.constantFrom("__proto__", "constructor"), entries).map(([k, e]) => ({
      text: objectText([
        [k, k === "constructor" ? { prototype: { roles: ["admin"] } } : { roles: ["admin"] }],
        ...e,
      ]),
    })),
    fc
      .constantFrom('"\\ud800"', "1".repeat(400), "[".repeat(2000) + "]".repeat(2000))
      .map((text) => ({ text })),
  );
}

/** Any JSON body: well-formed as above, or broken. */
export function hostileJson(keys: readonly string[] = []): fc.Arbitrary<{ text: string }> {
  return fc.oneof(
    { weight: 5, arbitrary: wellFormedJson(keys) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom("{", "[1,", '{"a":}', "nul", '"\\ud800', "[".repeat(5000))
        .map((text) => ({ text })),
    },
  );
}

/** A generated JSON value (parsed, so __proto__ stays an own key), for payloads built as objects. */
export function hostileValue(keys: readonly string[] = []): fc.Arbitrary<unknown> {
  return wellFormedJson(keys).map((j) => JSON.parse(j.text) as unknown);
}

/** Percent-encodes every byte of the UTF-8 form (lone surrogates included, which encodeURIComponent refuses). */
function encode(s: string): string {
  return [...Buffer.from(s, "utf8")]
    .map((b) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).padStart(2, "0")}`,
    )
    .join("");
}

/** A path parameter: an existing record, a missing one, or something no id looks like. */
export function pathValue(existing: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    ...(existing.length > 0 ? [fc.constantFrom(...existing)] : []),
    fc.constantFrom("zz-none", "__proto__", "constructor", "%2e%2e", "%2F", "%", "%E0%A4%A", "a%00b"),
    hostileText(600).map(encode),
  );
}

/** A query string ("" or "?…"): the route's own keys, dangerous and random ones, odd values, bad encoding. */
export function hostileQuery(knownKeys: readonly string[]): fc.Arbitrary<string> {
  const key = fc.oneof(
    fc.constantFrom(...knownKeys, "lang", "__proto__", "constructor", "__proto__[roles]"),
    fc.string({ maxLength: 10 }).map(encode),
  );
  const value = fc.oneof(
    fc.constantFrom("fi", "sv", "en", "true", "false", "1", "2021", ";", ","),
    hostileText(300).map(encode),
    fc.constantFrom("%", "%zz", "%E0%A4%A"),
  );
  return fc
    .array(fc.tuple(key, value), { maxLength: 6 })
    .map((pairs) => (pairs.length === 0 ? "" : `?${pairs.map(([k, v]) => `${k}=${v}`).join("&")}`));
}
