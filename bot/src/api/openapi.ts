// GET /api/openapi.json: OpenAPI 3.1 of the routes this server has, generated from the catalogue
// (operations.ts) and its zod schemas. Only routes the server really registered are listed, so the
// document is also how the tab learns which features a (possibly older or partial) deployment offers.
import type { Server } from "restify";
import { z } from "zod";
import type { ApiDeps } from "./context.js";
import { route } from "./http.js";
import { OPERATIONS, pathParams, type Access, type Operation } from "./operations.js";
import { errorSchema } from "./schemas.js";

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
function componentName(op: Operation, part: "Body" | "Response"): string {
  return `${op.operationId.charAt(0).toUpperCase()}${op.operationId.slice(1)}${part}`;
}

function stripMeta(schema: JsonSchema): JsonSchema {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
}

export function openApiDocument(
  routes: readonly RegisteredRoute[],
  options: { version: string; serverUrl?: string },
): JsonSchema {
  const present = new Set(routes.map((r) => `${r.method} ${r.path}`));
  const operations = OPERATIONS.filter((o) => present.has(`${o.method} ${o.path}`));

  // One registry for every named schema, so shared shapes become $refs between components.
  const registry = z.registry<{ id: string }>();
  const named = new Map<z.ZodType, string>();
  const name = (schema: z.ZodType, wanted: string): string => {
    const existing = named.get(schema);
    if (existing) return existing;
    registry.add(schema, { id: wanted });
    named.set(schema, wanted);
    return wanted;
  };
  name(errorSchema, "Error");
  const refs = new Map<Operation, { body?: string; response?: string }>();
  for (const op of operations) {
    const r: { body?: string; response?: string } = {};
    if (op.body) r.body = name(op.body, componentName(op, "Body"));
    if (op.response) r.response = name(op.response, componentName(op, "Response"));
    refs.set(op, r);
  }
  const converted = z.toJSONSchema(registry, {
    target: "draft-2020-12",
    io: "input",
    unrepresentable: "any",
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, JsonSchema> };
  const schemas = Object.fromEntries(Object.entries(converted.schemas).map(([k, v]) => [k, stripMeta(v)]));

  const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
  const errorResponse = (description: string) => ({
    description,
    content: { "application/json": { schema: ref("Error") } },
  });

  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const r = refs.get(op) ?? {};
    const parameters: unknown[] = pathParams(op.path).map((p) => ({
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
    const success = op.produces
      ? {
          description: "The file",
          content: Object.fromEntries(
            op.produces.map((t) => [t, { schema: { type: "string", format: "binary" } }]),
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
    if (pathParams(op.path).length > 0) responses["404"] = errorResponse("Not found");
    if (op.method !== "get")
      responses["409"] = errorResponse("Changed meanwhile, or not allowed in this state");
    responses["503"] = errorResponse("Storage unavailable; nothing was saved");

    const operation: Record<string, unknown> = {
      operationId: op.operationId,
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
          description: "Language of error messages (else Accept-Language, else Finnish)",
          schema: { type: "string", enum: ["fi", "sv", "en"] },
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
    if (r.body) {
      operation.requestBody = { required: true, content: { "application/json": { schema: ref(r.body) } } };
    } else if (op.bodyTypes) {
      operation.requestBody = {
        required: true,
        content: Object.fromEntries(
          op.bodyTypes.map((t) => [t, { schema: { type: "string", format: "binary" } }]),
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
export function openApiRoutes(server: Server, deps: ApiDeps, version: string): void {
  let cached: { key: string; doc: JsonSchema } | undefined;
  server.get(
    "/api/openapi.json",
    route(deps, async (ctx) => {
      const routes = registeredRoutes(server);
      const key = routes.map((r) => `${r.method} ${r.path}`).join("\n");
      if (cached?.key !== key) {
        cached = {
          key,
          doc: openApiDocument(routes, {
            version,
            ...(deps.config.PUBLIC_URL ? { serverUrl: deps.config.PUBLIC_URL } : {}),
          }),
        };
      }
      ctx.res.header("Cache-Control", "no-cache");
      return cached.doc;
    }),
  );
}
