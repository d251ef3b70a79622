// The service itself: health, what the tab needs before sign-in, this API's description, the bot's
// endpoint, and the development sign-in (only on a server running the development token issuer).
import { z } from "zod";
import { FEEDBACK_TOPICS } from "../domain/feedback.js";
import { LIMITS } from "../domain/limits.js";
import { id, localizedTextSchema, orgRoleSchema } from "./documents.js";
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
  organisation: z
    .object({
      name: localizedTextSchema.describe("Who provides the service (the accessibility statement names it)"),
      feedbackEmail: z.email().optional().describe("Where accessibility feedback may also be e-mailed"),
    })
    .describe("The organisation's own details, from configuration"),
  entra: z
    .object({ clientId: z.string(), tenantId: z.string(), authorityHost: z.string() })
    .optional()
    .describe("entra: the tab's app registration, for the consent page when single sign-on needs consent"),
});

export const feedbackSchema = z
  .object({
    topic: z.enum(FEEDBACK_TOPICS),
    // Trimmed after the checks, so that OpenAPI (the input side) says exactly what is accepted.
    message: z
      .string()
      .max(LIMITS.feedback)
      .regex(/\S/, "notBlank")
      .transform((s) => s.trim()),
    /** Where in the service it happened (a view's address or words), if the person says. */
    where: z
      .string()
      .max(LIMITS.title)
      .transform((s) => s.trim())
      .optional(),
    /** Whether the person wants an answer; the answer goes to their address in the register. */
    wantsAnswer: z.boolean().default(true),
  })
  .strict();

export const feedbackReceiptSchema = z.object({
  id: z.string().describe("The receipt's number, to refer to in later contact"),
  receivedAt: z.iso.datetime({ offset: true }),
  answerBy: z.iso.date().describe("The Helsinki date by which the answer is due (14 days, Act 306/2019)"),
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
  feedback: endpoint({
    name: "sendFeedback",
    method: "post",
    path: "/api/feedback",
    access: "signedIn",
    tag: "system",
    summary: "Feedback on the service, its accessibility above all: stored, answered within 14 days",
    description: "Answers a receipt with its number and the date by which an answer is due.",
    body: feedbackSchema,
    response: feedbackReceiptSchema,
    status: 201,
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
export type Feedback = z.infer<typeof feedbackSchema>;
export type FeedbackReceipt = z.infer<typeof feedbackReceiptSchema>;
export type DevPerson = z.infer<typeof devPersonSchema>;
