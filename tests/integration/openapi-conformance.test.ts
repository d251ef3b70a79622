// OpenAPI says what the server takes, and the server takes exactly that: for every route of the
// contract, path parameters, queries and JSON bodies are generated from /api/openapi.json's own
// schemas (valid ones, and ones broken in one place), judged by ajv against that document, and sent to
// the real server. What ajv refuses must be a 400 naming that part of the request (error.in); what it
// takes must not be refused for its shape (the server may still refuse it for a rule: an unknown goal,
// a due date in the past). And the document lists exactly the routes the server registered.
import assert from "node:assert/strict";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import fc from "fast-check";
import { ENDPOINTS, type Endpoint } from "@goal-forecast/core/contract";
import { registeredRoutes } from "../../bot/src/api/openapi.js";
import { startTestApp, type TestApp } from "../support/app.js";

type Json = Record<string, unknown>;
interface Operation {
  parameters?: { name: string; in: string; required?: boolean; schema: Json }[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Json }> };
  "x-additional-query"?: boolean;
}
interface Doc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json> };
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
/** Ids that exist nowhere: requests that fit reach their handler and end there with a 404. */
const NOWHERE = "zz-none";

/** A value for a JSON schema: mostly valid, sometimes not (ajv is the judge, never this generator). */
function arbitrary(schema: Json, doc: Doc, depth = 0): fc.Arbitrary<unknown> {
  if (typeof schema.$ref === "string") {
    const name = schema.$ref.replace("#/components/schemas/", "");
    return arbitrary(doc.components.schemas[name] ?? {}, doc, depth);
  }
  if ("const" in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const alternatives = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (alternatives) return fc.oneof(...alternatives.map((s) => arbitrary(s, doc, depth)));
  const type = Array.isArray(schema.type) ? (schema.type[0] as string) : (schema.type as string | undefined);
  switch (type) {
    case "string": {
      const min = (schema.minLength as number | undefined) ?? 0;
      const max = Math.min((schema.maxLength as number | undefined) ?? 24, min + 40);
      if (typeof schema.pattern === "string") {
        try {
          return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= 300);
        } catch {
          /* a pattern fast-check cannot generate from (lookaheads): plain strings below */
        }
      }
      if (schema.format === "email") return fc.emailAddress();
      return fc.string({ minLength: min, maxLength: max, unit: "grapheme" });
    }
    case "integer":
      return fc.integer({
        min: Math.max((schema.minimum as number | undefined) ?? -1000, -1e6),
        max: Math.min((schema.maximum as number | undefined) ?? 1000, 1e6),
      });
    case "number":
      return fc.double({
        min: (schema.minimum as number | undefined) ?? -1000,
        max: (schema.maximum as number | undefined) ?? 1000,
        noNaN: true,
      });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      if (depth > 3) return fc.constant([]);
      const items = (schema.items as Json | undefined) ?? {};
      const min = (schema.minItems as number | undefined) ?? 0;
      const max = Math.min((schema.maxItems as number | undefined) ?? 3, min + 3);
      return fc.array(arbitrary(items, doc, depth + 1), { minLength: min, maxLength: max });
    }
    case "object": {
      const props = (schema.properties ?? {}) as Record<string, Json>;
      const required = (schema.required ?? []) as string[];
      if (depth > 4) return fc.constant({});
      return fc.record(
        Object.fromEntries(Object.entries(props).map(([k, s]) => [k, arbitrary(s, doc, depth + 1)])),
        { requiredKeys: required },
      );
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Breaks a value in one place: another type, a key gone, an unknown key, or left as it is. */
function broken(value: unknown): fc.Arbitrary<unknown> {
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, at: (string | number)[]) => {
    paths.push(at);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...at, i]));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, [...at, k]);
  };
  walk(value, []);
  return fc
    .record({
      at: fc.constantFrom(...paths),
      how: fc.constantFrom("replace", "remove", "extra", "same"),
      junk: fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.string({ maxLength: 600 }), fc.constant(null)),
    })
    .map(({ at, how, junk }) => {
      const copy = structuredClone(value);
      if (how === "same") return copy;
      if (at.length === 0)
        return how === "extra" && copy && typeof copy === "object" ? { ...copy, zzExtra: 1 } : junk;
      const parent = at.slice(0, -1).reduce<unknown>((v, k) => (v as Json)[k as string], copy) as Json;
      const key = at[at.length - 1] as string;
      if (how === "remove" && !Array.isArray(parent)) delete parent[key];
      else if (how === "extra" && !Array.isArray(parent)) parent.zzExtra = junk;
      else parent[key] = junk;
      return copy;
    });
}

/** A query object as restify reads it: arrays repeat their key, everything else a string. */
function search(query: Json): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    for (const x of Array.isArray(v) ? v : [v]) {
      if (x !== undefined) s.append(k, typeof x === "string" ? x : JSON.stringify(x));
    }
  }
  const text = s.toString();
  return text ? `?${text}` : "";
}

describe("OpenAPI conformance: the server takes exactly what /api/openapi.json says", function () {
  this.timeout(300_000);
  let app: TestApp;
  let token: string;
  let doc: Doc;
  let ajv: Ajv2020;

  before(async () => {
    app = await startTestApp({ DISPATCH_WORKERS: "0" });
    token = await app.tokenFor("p-tuuli-rantanen"); // an admin: what is refused is refused for its input
    doc = (await app.api("/api/openapi.json")).body as Doc;
    // unicode: false counts a string's length in UTF-16 units, as zod (and JavaScript) do.
    ajv = new Ajv2020({ strict: false, unicode: false, logger: false });
    addFormats(ajv);
    ajv.addSchema({ $id: "openapi.json", components: doc.components });
  });
  after(async () => app?.close());

  const openApiPath = (e: Endpoint) => e.path.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
  const operationOf = (e: Endpoint): Operation | undefined => doc.paths[openApiPath(e)]?.[e.method];
  const compile = (schema: Json) =>
    ajv.compile({ $ref: `openapi.json#/components/schemas/${String(schema.$ref).split("/").pop()}` });

  async function send(e: Endpoint, path: string, body?: unknown) {
    const res = await fetch(`${app.url}${path}`, {
      method: e.method.toUpperCase(),
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    const error = (() => {
      try {
        return (JSON.parse(text) as { error?: { in?: string } }).error;
      } catch {
        return undefined;
      }
    })();
    return { status: res.status, refusedIn: res.status === 400 ? error?.in : undefined, text };
  }

  const concrete = (e: Endpoint, values: Record<string, string> = {}) =>
    e.path.replace(/:([A-Za-z0-9_]+)/g, (_, n: string) => encodeURIComponent(values[n] ?? NOWHERE));

  it("lists every route the server registered, each once, and every route of the contract is registered", () => {
    const registered = registeredRoutes(app.server)
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    const listed = Object.entries(doc.paths)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p.replace(/\{([^}]+)\}/g, ":$1")}`))
      .sort();
    assert.deepEqual(listed, registered);
    assert.deepEqual(ENDPOINTS.map((e) => `${e.method} ${e.path}`).sort(), registered);
  });

  for (const e of ENDPOINTS.filter((x) => x.access !== "bot")) {
    const title = `${e.method.toUpperCase()} ${e.path}`;

    if (e.params.length > 0)
      it(`${title}: path parameters`, async () => {
        const op = operationOf(e)!;
        const schema = op.parameters!.find((p) => p.in === "path")!.schema;
        const valid = ajv.compile(schema);
        const value = fc
          .oneof(
            arbitrary(schema, doc),
            fc.string({ minLength: 1, maxLength: 140, unit: "grapheme" }),
            // Empty, "." and ".." do not address this route at all (the URL resolves elsewhere).
          )
          .filter((v) => typeof v === "string" && v !== "" && v !== "." && v !== "..");
        await fc.assert(
          fc.asyncProperty(value, async (v) => {
            const values = Object.fromEntries(e.params.map((n) => [n, v as string]));
            const res = await send(e, concrete(e, values), e.body ? {} : undefined);
            const fits = valid(v);
            assert.equal(
              res.refusedIn === "path",
              !fits,
              `${title} ${JSON.stringify(v)}: ${res.status} ${res.text.slice(0, 200)}`,
            );
          }),
          { numRuns: 15 },
        );
      });

    if (e.query)
      it(`${title}: query`, async () => {
        const op = operationOf(e)!;
        const params = (op.parameters ?? []).filter((p) => p.in === "query");
        const objectSchema: Json = {
          type: "object",
          properties: Object.fromEntries(params.map((p) => [p.name, p.schema])),
          required: params.filter((p) => p.required).map((p) => p.name),
          additionalProperties: op["x-additional-query"] !== false,
        };
        // Query values are text: ajv reads "2020" as the integer the schema asks for, as the server does.
        const coercing = new Ajv2020({ strict: false, unicode: false, coerceTypes: true, logger: false });
        addFormats(coercing);
        const valid = coercing.compile(objectSchema);
        const declared = Object.fromEntries(params.map((p) => [p.name, p.schema]));
        const value = arbitrary({ type: "object", properties: declared }, doc).chain((q) => broken(q));
        await fc.assert(
          fc.asyncProperty(value, async (q) => {
            if (!q || typeof q !== "object" || Array.isArray(q)) return;
            const query = Object.fromEntries(
              Object.entries(q as Json).filter(
                ([, v]) => (v !== null && typeof v !== "object") || Array.isArray(v),
              ),
            );
            const asText = Object.fromEntries(
              Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v)]),
            );
            // A single repeated value reads back as a string, not a one-element array.
            const asRead = Object.fromEntries(
              Object.entries(asText).map(([k, v]) => [k, Array.isArray(v) && v.length === 1 ? v[0] : v]),
            );
            if (Object.values(asRead).some((v) => Array.isArray(v) && v.length === 0)) return;
            const res = await send(e, concrete(e) + search(asRead), undefined);
            const fits = valid(structuredClone(asRead));
            assert.equal(
              res.refusedIn === "query",
              !fits,
              `${title} ${search(asRead)}: ${res.status} ${res.text.slice(0, 200)}`,
            );
          }),
          { numRuns: 25 },
        );
      });

    if (e.body)
      it(`${title}: JSON body`, async () => {
        const op = operationOf(e)!;
        const content = op.requestBody!.content["application/json"]!.schema;
        const validate = compile(content);
        const value = arbitrary(content, doc).chain((b) => broken(b));
        await fc.assert(
          fc.asyncProperty(fc.option(value, { freq: 10 }), async (b) => {
            const body = b === null ? undefined : b;
            const fits = body === undefined ? op.requestBody!.required === false : validate(body);
            const res = await send(e, concrete(e), body);
            assert.ok(res.status < 500, `${title}: ${res.status} ${res.text.slice(0, 200)}`);
            assert.equal(
              res.refusedIn === "body",
              !fits,
              `${title} ${JSON.stringify(body)?.slice(0, 400)}: ${res.status} ${res.text.slice(0, 300)}`,
            );
          }),
          { numRuns: 40 },
        );
      });
  }
});
