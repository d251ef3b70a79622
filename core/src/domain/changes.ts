// What changed between two versions of a document, field by field, with the values before and after:
// what the audit trail records of every edit (a goal, a person, a round, a report), so an auditor
// reads "title: Digitalisaatio → Digitalisaatio ja data", not only "title changed".

/** One changed field: its path ("title", "milestones.m2.text", "projects.p1.ownerIds") and values. */
export interface FieldChange {
  field: string;
  /** Absent when the field was added. */
  from?: unknown;
  /** Absent when the field was removed. */
  to?: unknown;
}

/**
 * The changed fields from `before` to `after` (before undefined: everything is new). Objects are
 * compared key by key; lists of documents with an `id` (milestones, projects) by id, so a change
 * to one milestone is one line; other lists and values as a whole. Key order never counts.
 */
export function changes(before: unknown, after: unknown): FieldChange[] {
  const out: FieldChange[] = [];
  walk(before, after, "", out);
  return out;
}

function walk(a: unknown, b: unknown, path: string, out: FieldChange[]): void {
  if (same(a, b)) return;
  if (isRecord(a) && isRecord(b)) {
    for (const key of union(Object.keys(a), Object.keys(b))) walk(a[key], b[key], join(path, key), out);
    return;
  }
  if (isIdList(a) && isIdList(b)) {
    const byId = (list: { id: string }[]) => new Map(list.map((d) => [d.id, d]));
    const ma = byId(a);
    const mb = byId(b);
    for (const id of union([...ma.keys()], [...mb.keys()])) walk(ma.get(id), mb.get(id), join(path, id), out);
    return;
  }
  const change: FieldChange = { field: path || "(document)" };
  if (a !== undefined) change.from = a;
  if (b !== undefined) change.to = b;
  out.push(change);
}

/**
 * At most `maxChars` of changes (as JSON), so one audit entry stays far below a table entity's size
 * whatever an import changed; `truncated` says how many were left out.
 */
export function limitChanges(
  list: readonly FieldChange[],
  maxChars = 200_000,
): { changes: FieldChange[]; truncated: number } {
  let used = 0;
  let kept = 0;
  for (const c of list) {
    used += JSON.stringify(c).length + 1;
    if (used > maxChars) break;
    kept++;
  }
  return { changes: list.slice(0, kept), truncated: list.length - kept };
}

/** The value with object keys sorted and undefined properties left out: equal documents print alike. */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (isRecord(value)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((k) => value[k] !== undefined)
        .map((k) => [k, canonical(value[k])]),
    );
  }
  return value;
}

/** JSON of the canonical value: what a hash or an equality check of a document is taken over. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value)) ?? "null";
}

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isIdList(value: unknown): value is { id: string }[] {
  if (!Array.isArray(value)) return false;
  const ids = value.map((v) => (isRecord(v) && typeof v.id === "string" ? v.id : undefined));
  return ids.every((id) => id !== undefined) && new Set(ids).size === ids.length;
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
