// What every route shares (implement.ts uses it): a handler wrapper that turns known failures into
// clear 4xx/503 answers in the requester's language, schema-checked input, and the signed-in principal.
import type { Request, Response } from "restify";
import type { z } from "zod";
import type { Language } from "@goal-forecast/core/domain/model";
import type { FieldError } from "@goal-forecast/core/domain/result";
import { describeError, languageOf, translator } from "@goal-forecast/core/i18n";
import type { Logger } from "../logging.js";
import type { AuditChannel } from "../storage/audit.js";
import type { Authenticator } from "../auth/authenticate.js";
import type { Principal } from "../auth/principal.js";
import { AuthenticationError } from "../auth/tokens.js";
import { ConflictError, NotFoundError, StorageUnavailableError } from "../storage/errors.js";
import type { ErrorCode } from "@goal-forecast/core/contract/errors";

export type { ErrorCode };

const STATUS: Record<ErrorCode, number> = {
  badRequest: 400,
  unauthorized: 401,
  forbidden: 403,
  notFound: 404,
  conflict: 409,
  tooLarge: 413,
  unsupportedMediaType: 415,
  unavailable: 503,
  internal: 500,
};

/** An expected failure of a request, answered with its status and a message in the person's language. */
export class HttpError extends Error {
  constructor(
    public readonly code: ErrorCode,
    public readonly fields: FieldError[] = [],
    public readonly extra: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = "HttpError";
  }
}

export interface RequestContext {
  req: Request;
  res: Response;
  lang: Language;
  /** Resolves the signed-in user (401 when there is none or the token is not valid). */
  principal(): Promise<Principal>;
}

export interface HttpDeps {
  logger: Logger;
  authenticator: Authenticator;
}

/** The language of a request: ?lang=, else Accept-Language, else Finnish. */
export function requestLanguage(req: Request): Language {
  const query = (req.query ?? {}) as Record<string, unknown>;
  const fromQuery = typeof query.lang === "string" ? languageOf(query.lang) : undefined;
  return fromQuery ?? languageOf(req.header("accept-language")) ?? "fi";
}

/** The header the product's own clients name themselves with, for the audit trail's "through what". */
export const CHANNEL_HEADER = "x-goal-forecast-channel";

/** Through what a request came: the tab or the CLI when they say so, else the REST API. */
export function requestChannel(req: Request): Extract<AuditChannel, "tab" | "cli" | "api"> {
  const said = req.header(CHANNEL_HEADER);
  return said === "tab" || said === "cli" ? said : "api";
}

export function sendError(
  res: Response,
  code: ErrorCode,
  lang: Language,
  fields: FieldError[] = [],
  extra: Record<string, unknown> = {},
): void {
  const t = translator(lang);
  // A round refusing a write says what is wrong with it, not "someone else changed this" (409's default).
  const refused = fields.find((f) => f.code === "illegalTransition" || f.code === "roundExists");
  res.send(STATUS[code], {
    error: {
      code,
      message: refused ? describeError(refused, lang) : t(`error.${code}`),
      ...(fields.length > 0
        ? { fields: fields.map((f) => ({ ...f, message: describeError(f, lang) })) }
        : {}),
      ...extra,
    },
  });
}

/** Wraps a route: runs it, maps known failures to answers, logs the unknown ones (never their input). */
export function route(deps: HttpDeps, fn: (ctx: RequestContext) => Promise<unknown>) {
  return async (req: Request, res: Response): Promise<void> => {
    const lang = requestLanguage(req);
    let cached: Promise<Principal> | undefined;
    const ctx: RequestContext = {
      req,
      res,
      lang,
      principal: () => (cached ??= deps.authenticator.authenticate(req.header("authorization"))),
    };
    try {
      const body = await fn(ctx);
      if (!res.headersSent && body !== undefined) res.send(200, body);
    } catch (error) {
      if (res.headersSent) {
        deps.logger.error({ err: error, path: req.path() }, "failure after the answer was sent");
        // Cut the connection so the client sees a failed download rather than waiting for the rest.
        if (!res.writableEnded) res.destroy();
        return;
      }
      if (error instanceof HttpError) return sendError(res, error.code, lang, error.fields, error.extra);
      if (error instanceof AuthenticationError) {
        deps.logger.info({ path: req.path(), reason: error.message }, "authentication refused");
        res.header("WWW-Authenticate", 'Bearer error="invalid_token"');
        return sendError(res, "unauthorized", lang);
      }
      if (error instanceof ConflictError)
        return sendError(res, "conflict", lang, [], error.current ? { current: error.current } : {});
      if (error instanceof NotFoundError) return sendError(res, "notFound", lang);
      if (error instanceof StorageUnavailableError) {
        deps.logger.warn({ path: req.path(), err: error.message }, "storage unavailable");
        res.header("Retry-After", "5");
        return sendError(res, "unavailable", lang);
      }
      deps.logger.error({ err: error, path: req.path(), method: req.method }, "unexpected failure");
      return sendError(res, "internal", lang);
    }
  };
}

/**
 * Checks a value against a schema at the edge; 400 with per-field errors when it does not fit, and
 * `in` naming the part of the request that did not fit the route's declared schema.
 */
export function parse<S extends z.ZodType>(
  schema: S,
  value: unknown,
  part?: "path" | "query" | "body",
): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new HttpError(
    "badRequest",
    result.error.issues.slice(0, 20).map((i) => ({
      field: i.path.join(".") || "body",
      code: i.code === "too_big" ? "tooLong" : i.code === "invalid_value" ? "invalidChoice" : "invalid",
      ...(i.code === "too_big" && typeof i.maximum === "number"
        ? { params: { max: i.maximum, length: 0 } }
        : {}),
    })),
    part ? { in: part } : {},
  );
}
