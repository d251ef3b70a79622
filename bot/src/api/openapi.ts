// GET /api/openapi.json: OpenAPI 3.1 of the routes this server has, generated from the contract
// (core/src/contract) and its zod schemas: request schemas as they are taken (zod's input side),
// answers as they are sent. Only routes the server really registered are listed, so the document is
// also how the tab learns which features a (possibly older or partial) deployment offers.
import type { Server } from "restify";
import { z } from "zod";
import {
  contract,
  ENDPOINTS,
  isFileResponse,
  type Access,
  type Endpoint,
} from "@goal-forecast/core/contract";
import { errorSchema } from "@goal-forecast/core/contract/errors";
import type { Config } from "../config.js";
import type { Implement } from "./implement.js";

export interface RegisteredRoute {
  method: string;
  path: string;
}

/** The API routes a restify server has registered (not the tab's static files). */
export function registeredRoutes(server: Server): RegisteredRoute[] {
  const routes = (
    server as unknown as { router: { getRoutes(): Record<string, { method: string; path: unknown }> } }
  ).router;
  return Object.values(routes.getRoutes())
    .filter((r) => typeof r.path === "string" && r.path.startsWith("/api/"))
    .map((r) => ({ method: r.method.toLowerCase(), path: r.path as string }));
}

const ERROR_TEXT: Record<number, string> = {
  413: "The file is larger than the server takes",
  415: "Not a format the server reads",
};

const ACCESS_TEXT: Record<Access, string> = {
  public: "No sign-in needed.",
  development: "Only on a server running in development mode with the development token issuer.",
  bot: "Bot Framework tokens (Teams); not for people.",
  signedIn: "Any signed-in person; the answer holds only what that person may see.",
  manager: "Managers and admins.",
  admin: "Admins only.",
};

type JsonSchema = Record<string, unknown>;

/** Component names for schemas: operationId + Body/Response, so each appears once. */
function componentName(op: Endpoint, part: "Body" | "Response"): string {
  return `${op.name.charAt(0).toUpperCase()}${op.name.slice(1)}${part}`;
}

/** A body schema declared `.optional()`: the route may be called without a body. */
function unwrapOptional(schema: z.ZodType): { schema: z.ZodType; required: boolean } {
  return schema instanceof z.ZodOptional
    ? { schema: schema.unwrap() as z.ZodType, required: false }
    : { schema, required: true };
}

function stripMeta(schema: JsonSchema): JsonSchema {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return withoutLooseFormats(rest) as JsonSchema;
}

/**
 * zod checks an e-mail address with its own pattern, which the document carries; the "email" format
 * beside it would make validators apply RFC 5321's rules too, stricter than the server.
 */
function withoutLooseFormats(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutLooseFormats);
  if (!value || typeof value !== "object") return value;
  const entries = Object.entries(value as JsonSchema).map(([k, v]) => [k, withoutLooseFormats(v)] as const);
  const object = Object.fromEntries(entries) as JsonSchema;
  if (object.format === "email" && typeof object.pattern === "string") delete object.format;
  return object;
}

function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
}

export function openApiDocument(
  routes: readonly RegisteredRoute[],
  options: { version: string; serverUrl?: string },
): JsonSchema {
  const present = new Set(routes.map((r) => `${r.method} ${r.path}`));
  const operations = ENDPOINTS.filter((o) => present.has(`${o.method} ${o.path}`));

  // One registry per side: request bodies as zod takes them (before transforms), answers as they are
  // sent. Within a side, shared shapes become $refs between components.
  const inputs = z.registry<{ id: string }>();
  const outputs = z.registry<{ id: string }>();
  const named = new Map<z.ZodType, string>();
  const name = (registry: typeof inputs, schema: z.ZodType, wanted: string): string => {
    const existing = named.get(schema);
    if (existing) return existing;
    registry.add(schema, { id: wanted });
    named.set(schema, wanted);
    return wanted;
  };
  name(outputs, errorSchema, "Error");
  const refs = new Map<Endpoint, { body?: string; bodyRequired?: boolean; response?: string }>();
  for (const op of operations) {
    const r: { body?: string; bodyRequired?: boolean; response?: string } = {};
    if (op.body) {
      const { schema, required } = unwrapOptional(op.body);
      r.body = name(inputs, schema, componentName(op, "Body"));
      r.bodyRequired = required;
    }
    if (op.response && !isFileResponse(op.response))
      r.response = name(outputs, op.response, componentName(op, "Response"));
    refs.set(op, r);
  }
  const convert = (registry: typeof inputs, io: "input" | "output") =>
    (
      z.toJSONSchema(registry, {
        target: "draft-2020-12",
        io,
        unrepresentable: "any",
        uri: (id) => `#/components/schemas/${id}`,
      }) as { schemas: Record<string, JsonSchema> }
    ).schemas;
  const schemas = Object.fromEntries(
    Object.entries({ ...convert(outputs, "output"), ...convert(inputs, "input") }).map(([k, v]) => [
      k,
      stripMeta(v),
    ]),
  );

  const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
  const errorResponse = (description: string) => ({
    description,
    content: { "application/json": { schema: ref("Error") } },
  });

  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const r = refs.get(op) ?? {};
    const parameters: unknown[] = op.params.map((p) => ({
      name: p,
      in: "path",
      required: true,
      schema: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$" },
    }));
    if (op.query) {
      const q = stripMeta(z.toJSONSchema(op.query, { io: "input", unrepresentable: "any" }) as JsonSchema);
      const props = (q.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((q.required ?? []) as string[]);
      for (const [key, schema] of Object.entries(props)) {
        const { description, ...rest } = schema;
        parameters.push({
          name: key,
          in: "query",
          required: required.has(key),
          schema: rest,
          ...(typeof description === "string" ? { description } : {}),
        });
      }
    }
    const status = String(op.status ?? 200);
    const success = isFileResponse(op.response)
      ? {
          description: "The file",
          content: Object.fromEntries(
            op.response.file.map((t) => [t, { schema: { type: "string", format: "binary" } }]),
          ),
        }
      : r.response
        ? { description: "OK", content: { "application/json": { schema: ref(r.response) } } }
        : { description: "OK" };
    const responses: Record<string, unknown> = { [status]: success, "400": errorResponse("Invalid input") };
    if (op.access !== "public" && op.access !== "development") {
      responses["401"] = errorResponse("No valid token");
    }
    if (op.access === "manager" || op.access === "admin" || op.access === "signedIn") {
      responses["403"] = errorResponse("The signed-in person may not do this");
    }
    if (op.params.length > 0) responses["404"] = errorResponse("Not found");
    if (op.method !== "get")
      responses["409"] = errorResponse("Changed meanwhile, or not allowed in this state");
    for (const code of op.errors ?? [])
      responses[String(code)] ??= errorResponse(ERROR_TEXT[code] ?? "Refused");
    responses["503"] = errorResponse("Storage unavailable; nothing was saved");

    const operation: Record<string, unknown> = {
      operationId: op.name,
      summary: op.summary,
      description: [op.description, `Access: ${ACCESS_TEXT[op.access]}`].filter(Boolean).join("\n\n"),
      tags: [op.tag],
      "x-access": op.access,
      parameters: [
        ...parameters,
        {
          name: "lang",
          in: "query",
          required: false,
          // Any value is taken: one other than fi, sv or en falls back as if it were not given.
          description: "Language of error messages: fi, sv or en (else Accept-Language, else Finnish)",
          schema: {},
        },
      ].filter(
        // An operation that documents its own lang parameter keeps that one.
        (p, i, all) =>
          all.findIndex((q) => (q as { name: string }).name === (p as { name: string }).name) === i,
      ),
      responses,
    };
    if (op.access !== "public" && op.access !== "development") {
      operation.security = op.access === "bot" ? [{ botFramework: [] }] : [{ bearer: [] }];
    } else {
      operation.security = [];
    }
    if (op.query?.def.catchall instanceof z.ZodNever) {
      // OpenAPI parameters cannot say "and no others"; this route refuses any it does not name.
      operation["x-additional-query"] = false;
    }
    if (r.body) {
      operation.requestBody = {
        required: r.bodyRequired,
        content: { "application/json": { schema: ref(r.body) } },
      };
    } else if (op.upload) {
      operation.requestBody = {
        required: true,
        content: Object.fromEntries(
          op.upload.map((t) => [t, { schema: { type: "string", format: "binary" } }]),
        ),
      };
    }
    const p = (paths[toOpenApiPath(op.path)] ??= {});
    p[op.method] = operation;
  }

  return {
    openapi: "3.1.0",
    info: {
      title: "Goal Forecast API",
      version: options.version,
      description:
        "Forecast rounds of binding goals: the register, rounds, reports and the consolidated views of the Teams " +
        "tab. Errors are {error:{code,message,fields?}} with the message in the requester's language.",
      license: { name: "MIT", identifier: "MIT" },
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    tags: [
      { name: "system" },
      { name: "development" },
      { name: "register" },
      { name: "rounds" },
      { name: "reports" },
      { name: "views" },
      { name: "exports" },
      { name: "admin" },
    ],
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description:
            "Entra ID token of the tab's app registration (Teams single sign-on); in development, a token from " +
            "POST /api/dev/token.",
        },
        botFramework: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
      },
    },
  };
}

/** Registers GET /api/openapi.json; the document is built from the routes registered at request time. */
export function openApiRoutes(implement: Implement, server: Server, config: Config, version: string): void {
  let cached: { key: string; doc: JsonSchema } | undefined;
  implement(contract.system.openApi, async ({ res }) => {
    const routes = registeredRoutes(server);
    const key = routes.map((r) => `${r.method} ${r.path}`).join("\n");
    if (cached?.key !== key) {
      cached = {
        key,
        doc: openApiDocument(routes, {
          version,
          ...(config.PUBLIC_URL ? { serverUrl: config.PUBLIC_URL } : {}),
        }),
      };
    }
    res.header("Cache-Control", "no-cache");
    return cached.doc as { openapi: string; paths: Record<string, Record<string, unknown>> };
  });
}
