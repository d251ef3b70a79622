// Rounds and reports as viewers may see them, and the owner's write path (same rules as the bot).
import { z } from "zod";
import { canSeeReport, isAdmin, isManager } from "@goal-forecast/core/domain/access";
import { findSubject } from "@goal-forecast/core/domain/subjects";
import { LIMITS } from "@goal-forecast/core/domain/limits";
import { compareRounds, roundOverview, subjectHistory } from "../reporting/overview.js";
import { saveReport } from "../reporting/save.js";
import type { RouteModule } from "./context.js";
import { HttpError, parse, pathParam, route } from "./http.js";

const text = (max: number) => z.union([z.string().max(max), z.null()]).optional();
const scalar = z.union([z.string().max(32), z.number(), z.null()]).optional();

/** The body of a report save: shape and sizes here; values and business rules in domain/validation. */
export const reportBodySchema = z
  .object({
    action: z.enum(["draft", "submit"]),
    expectedVersion: z.string().max(200).optional(),
    report: z
      .object({
        milestones: z
          .array(
            z
              .object({
                milestoneId: z.string().max(128),
                status: scalar,
                actual: scalar,
                note: text(LIMITS.milestoneNote * 2),
              })
              .strict(),
          )
          .max(LIMITS.milestones)
          .optional(),
        progress: scalar,
        verdict: scalar,
        narrative: text(LIMITS.narrative * 2),
        risks: z
          .array(
            z
              .object({ risk: text(LIMITS.riskText * 2), mitigation: text(LIMITS.mitigationText * 2) })
              .strict(),
          )
          .max(LIMITS.risks * 2)
          .optional(),
      })
      .strict(),
  })
  .strict();

export const reportRoutes: RouteModule = (server, deps) => {
  const { stores } = deps;

  server.get(
    "/api/rounds",
    route(deps, async (ctx) => {
      await ctx.principal();
      return stores.rounds.list();
    }),
  );

  server.get(
    "/api/rounds/:roundId",
    route(deps, async (ctx) => {
      await ctx.principal();
      const round = await stores.rounds.get(pathParam(ctx.req, "roundId"));
      if (!round) throw new HttpError("notFound");
      return round;
    }),
  );

  server.get(
    "/api/rounds/:roundId/overview",
    route(deps, async (ctx) => {
      const p = await ctx.principal();
      const overview = await roundOverview(stores, pathParam(ctx.req, "roundId"), p);
      if (!overview) throw new HttpError("notFound");
      return overview;
    }),
  );

  server.get(
    "/api/rounds/:roundId/reports",
    route(deps, async (ctx) => {
      const p = await ctx.principal();
      const round = await stores.rounds.get(pathParam(ctx.req, "roundId"));
      if (!round) throw new HttpError("notFound");
      const [goals, reports] = await Promise.all([
        stores.register.goals(round.year),
        stores.reports.listByRound(round.id),
      ]);
      return reports.filter((r) => {
        const subject = findSubject({ goals }, r.subjectId);
        return subject !== undefined && canSeeReport(p, subject, round, r);
      });
    }),
  );

  server.get(
    "/api/rounds/:roundId/reports/:subjectId",
    route(deps, async (ctx) => {
      const p = await ctx.principal();
      const round = await stores.rounds.get(pathParam(ctx.req, "roundId"));
      if (!round) throw new HttpError("notFound");
      const subjectId = pathParam(ctx.req, "subjectId");
      const subject = findSubject({ goals: await stores.register.goals(round.year) }, subjectId);
      if (!subject) throw new HttpError("notFound");
      const report = await stores.reports.get(round.id, subjectId);
      if (!report || !canSeeReport(p, subject, round, report)) {
        // Not distinguishing "no report" from "not yours" keeps drafts private.
        if (
          !isManager(p) &&
          !(p.personId && [...subject.ownerIds, ...subject.preparerIds].includes(p.personId))
        )
          throw new HttpError("forbidden");
        throw new HttpError("notFound");
      }
      return { report, events: await stores.reports.events(round.id, subjectId) };
    }),
  );

  server.put(
    "/api/rounds/:roundId/reports/:subjectId",
    route(deps, async (ctx) => {
      const p = await ctx.principal();
      if (!p.personId) throw new HttpError("forbidden");
      const body = parse(reportBodySchema, ctx.req.body);
      const outcome = await saveReport(stores, {
        roundId: pathParam(ctx.req, "roundId"),
        subjectId: pathParam(ctx.req, "subjectId"),
        personId: p.personId,
        action: body.action,
        input: body.report,
        ...(body.expectedVersion ? { expectedVersion: body.expectedVersion } : {}),
      });
      switch (outcome.kind) {
        case "saved":
          return outcome.report;
        case "invalid":
          throw new HttpError("badRequest", outcome.errors);
        case "conflict":
          throw new HttpError("conflict", [], outcome.current ? { current: outcome.current } : {});
        case "forbidden":
          throw new HttpError("forbidden", [], { reason: outcome.reason });
        case "roundNotOpen":
          throw new HttpError(
            "conflict",
            [
              {
                field: "state",
                code: "illegalTransition",
                params: { action: body.action, state: outcome.round.state },
              },
            ],
            { reason: "roundNotOpen" },
          );
        case "notFound":
          throw new HttpError("notFound");
      }
    }),
  );

  server.get(
    "/api/goals/:goalId/subjects/:subjectId/history",
    route(deps, async (ctx) => {
      const p = await ctx.principal();
      const goal = await stores.register.goal(pathParam(ctx.req, "goalId"));
      if (!goal) throw new HttpError("notFound");
      const history = await subjectHistory(stores, goal, pathParam(ctx.req, "subjectId"), p);
      if (!history) throw new HttpError("notFound");
      if (history.entries.length === 0 && !isAdmin(p)) throw new HttpError("forbidden");
      return history;
    }),
  );

  server.get(
    "/api/rounds/:roundId/compare/:otherRoundId",
    route(deps, async (ctx) => {
      const p = await ctx.principal();
      const result = await compareRounds(
        stores,
        pathParam(ctx.req, "otherRoundId"),
        pathParam(ctx.req, "roundId"),
        p,
      );
      if (!result) throw new HttpError("notFound");
      return result;
    }),
  );
};
