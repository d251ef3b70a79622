// The service itself: health, what the tab needs before sign-in, this API's description, the bot's
// endpoint, and the development sign-in (only on a server running the development token issuer).
import { z } from "zod";
import { id, orgRoleSchema } from "./documents.js";
import { endpoint, idSchema } from "./endpoint.js";

export const healthSchema = z.object({
  status: z.enum(["ok", "unavailable"]),
  version: z.string(),
  checks: z.record(
    z.string(),
    z.object({ ok: z.boolean(), latencyMs: z.number(), error: z.string().optional() }).loose(),
  ),
});

export const tabConfigSchema = z.object({
  authMode: z
    .enum(["development", "entra"])
    .describe("development: sign in as a demo person via /api/dev/token; entra: Teams single sign-on"),
  version: z.string(),
  entra: z
    .object({ clientId: z.string(), tenantId: z.string(), authorityHost: z.string() })
    .optional()
    .describe("entra: the tab's app registration, for the consent page when single sign-on needs consent"),
});

/** The OpenAPI document: the routes (paths) this server offers, which is what the tab reads. */
export const openApiSchema = z
  .object({
    openapi: z.string(),
    paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  })
  .loose();

export const devPersonSchema = z.object({
  id,
  displayName: z.string(),
  upn: z.string(),
  roles: z.array(orgRoleSchema),
});

export const devTokenSchema = z.object({ token: z.string(), expiresIn: z.number().int() });

export const jwksSchema = z.object({ keys: z.array(z.object({ kty: z.string().optional() }).loose()) });

export const system = {
  health: endpoint({
    name: "health",
    method: "get",
    path: "/api/health",
    access: "public",
    tag: "system",
    summary: "Is the service able to work (storage reachable)?",
    description: "503 with the same body when a check fails.",
    response: healthSchema,
  }),
  openApi: endpoint({
    name: "openApi",
    method: "get",
    path: "/api/openapi.json",
    access: "public",
    tag: "system",
    summary: "This description (OpenAPI 3.1) of the routes this server has",
    response: openApiSchema,
  }),
  tabConfig: endpoint({
    name: "tabConfig",
    method: "get",
    path: "/api/tab/config",
    access: "public",
    tag: "system",
    summary: "What the tab needs before sign-in: how people sign in",
    response: tabConfigSchema,
  }),
  botMessages: endpoint({
    name: "botMessages",
    method: "post",
    path: "/api/messages",
    access: "bot",
    tag: "system",
    summary: "Bot Framework activities from Teams (the bot's endpoint)",
    body: z.object({ type: z.string() }).loose(),
  }),
};

export const development = {
  people: endpoint({
    name: "devPeople",
    method: "get",
    path: "/api/dev/people",
    access: "development",
    tag: "development",
    summary: "Demo people to sign in as, with their roles (development only)",
    response: z.array(devPersonSchema),
  }),
  token: endpoint({
    name: "devToken",
    method: "post",
    path: "/api/dev/token",
    access: "development",
    tag: "development",
    summary: "A token for one demo person, signed by the development issuer (development only)",
    body: z.object({ personId: idSchema }).strict(),
    response: devTokenSchema,
  }),
  jwks: endpoint({
    name: "devJwks",
    method: "get",
    path: "/api/dev/jwks.json",
    access: "development",
    tag: "development",
    summary: "Public key of the development issuer (development only)",
    response: jwksSchema,
  }),
};

export type Health = z.infer<typeof healthSchema>;
export type TabConfig = z.infer<typeof tabConfigSchema>;
export type DevPerson = z.infer<typeof devPersonSchema>;
