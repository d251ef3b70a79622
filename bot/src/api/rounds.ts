// Round administration (admins) and live progress (admins and managers); see the contract in
// docs/ARCHITECTURE.md. GET /api/rounds and /api/rounds/:roundId are in reports.ts.
import type { Server } from "restify";
import { z } from "zod";
import { isAdmin, isManager } from "@goal-forecast/core/domain/access";
import type { Principal } from "../auth/principal.js";
import type { RoundAction } from "@goal-forecast/core/domain/rounds";
import type { RoundService } from "../rounds/lifecycle.js";
import { RESENDABLE, RoundCommandError } from "../rounds/lifecycle.js";
import type { ProgressService } from "../rounds/progress.js";
import type { ApiDeps } from "./context.js";
import { HttpError, idSchema, parse, pathParam, route, type RequestContext } from "./http.js";
import { DEFAULT_DUE_HOUR, helsinkiTime } from "@goal-forecast/core/domain/deadline";

export interface RoundsApi {
  service: RoundService;
  progress: ProgressService;
}

/**
 * A due date: an ISO date-time with offset, or a date alone, which means 16:00 Finnish time that day
 * (the division's usual deadline hour).
 */
export const dueAtSchema = z
  .string()
  .trim()
  .max(40)
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) || /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})$/.test(v), {
    message: "invalidDate",
  })
  .transform((v, ctx) => {
    const iso = /^\d{4}-\d{2}-\d{2}$/.test(v) ? helsinkiTime(v, DEFAULT_DUE_HOUR) : v;
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: "invalidDate" });
      return z.NEVER;
    }
    return d.toISOString();
  });

const nameText = z.string().trim().max(100);
export const createRoundSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    number: z.number().int().min(1).max(12),
    name: z
      .object({ fi: nameText.min(1), sv: nameText.optional(), en: nameText.optional() })
      .strict()
      .optional(),
    dueAt: dueAtSchema,
    goalIds: z.array(idSchema).min(1).max(500).optional(),
    reminderDays: z.array(z.number().int().min(0).max(60)).max(10).optional(),
  })
  .strict();

const extendSchema = z.object({ dueAt: dueAtSchema }).strict();
const reasonSchema = z
  .object({ reason: z.string().trim().max(500).optional() })
  .strict()
  .optional();
const resendSchema = z
  .object({
    states: z
      .array(z.enum(RESENDABLE as ["failed", "unreachable", "inDoubt"]))
      .min(1)
      .max(3)
      .optional(),
  })
  .strict()
  .optional();
const substituteSchema = z.object({ personId: z.union([idSchema, z.null()]) }).strict();

export function roundsRoutes(server: Server, deps: ApiDeps, rounds: RoundsApi): void {
  const { service, progress } = rounds;

  server.post(
    "/api/rounds",
    route(deps, async (ctx) => {
      const admin = await requireAdmin(ctx);
      const body = parse(createRoundSchema, ctx.req.body);
      const round = await command(() => service.create(body, who(admin)));
      ctx.res.header("Location", `/api/rounds/${encodeURIComponent(round.id)}`);
      ctx.res.send(201, round);
      return undefined;
    }),
  );

  const transitions: Exclude<RoundAction, "extend">[] = ["open", "close", "reopen", "freeze"];
  for (const action of transitions) {
    server.post(
      `/api/rounds/:roundId/${action}`,
      route(deps, async (ctx) => {
        const admin = await requireAdmin(ctx);
        const body = parse(reasonSchema, emptyToUndefined(ctx.req.body));
        return command(() =>
          service.act(
            pathParam(ctx.req, "roundId"),
            action,
            who(admin),
            body?.reason ? { reason: body.reason } : {},
          ),
        );
      }),
    );
  }

  server.post(
    "/api/rounds/:roundId/extend",
    route(deps, async (ctx) => {
      const admin = await requireAdmin(ctx);
      const body = parse(extendSchema, ctx.req.body);
      return command(() =>
        service.act(pathParam(ctx.req, "roundId"), "extend", who(admin), { dueAt: body.dueAt }),
      );
    }),
  );

  server.post(
    "/api/rounds/:roundId/remind",
    route(deps, async (ctx) => {
      const admin = await requireAdmin(ctx);
      parse(z.object({}).strict().optional(), emptyToUndefined(ctx.req.body));
      return command(() => service.remind(pathParam(ctx.req, "roundId"), who(admin)));
    }),
  );

  server.post(
    "/api/rounds/:roundId/resend",
    route(deps, async (ctx) => {
      const admin = await requireAdmin(ctx);
      const body = parse(resendSchema, emptyToUndefined(ctx.req.body));
      return command(() => service.resend(pathParam(ctx.req, "roundId"), who(admin), body?.states));
    }),
  );

  server.put(
    "/api/rounds/:roundId/substitutes/:subjectId",
    route(deps, async (ctx) => {
      const admin = await requireAdmin(ctx);
      const body = parse(substituteSchema, ctx.req.body);
      return command(() =>
        service.setSubstitute(
          pathParam(ctx.req, "roundId"),
          pathParam(ctx.req, "subjectId"),
          body.personId,
          who(admin),
        ),
      );
    }),
  );

  server.get(
    "/api/rounds/:roundId/progress",
    route(deps, async (ctx) => {
      const p = await ctx.principal();
      if (!isManager(p)) throw new HttpError("forbidden");
      const result = await progress.get(pathParam(ctx.req, "roundId"));
      if (!result) throw new HttpError("notFound");
      ctx.res.header("Cache-Control", "no-store");
      return result;
    }),
  );

  server.get(
    "/api/rounds/:roundId/audit",
    route(deps, async (ctx) => {
      await requireAdmin(ctx);
      return command(() => service.auditOf(pathParam(ctx.req, "roundId")));
    }),
  );
}

async function requireAdmin(ctx: RequestContext): Promise<Principal> {
  const p = await ctx.principal();
  if (!isAdmin(p)) throw new HttpError("forbidden");
  return p;
}

/** Who is recorded in the audit log: the register person, else the signed-in account. */
function who(p: Principal): string {
  return p.personId ?? p.upn;
}

async function command<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof RoundCommandError) {
      const code =
        error.kind === "notFound" ? "notFound" : error.kind === "conflict" ? "conflict" : "badRequest";
      throw new HttpError(code, error.errors);
    }
    throw error;
  }
}

/** restify leaves an empty body as undefined or ""; both mean "no options". */
function emptyToUndefined(body: unknown): unknown {
  return body === "" || body === null ? undefined : body;
}
