// Read access to the goal register: themes, goals (with projects and milestones), people, and "me".
import { isAdmin, isManager } from "@goal-forecast/core/domain/access";
import { subjectsOfGoal } from "@goal-forecast/core/domain/subjects";
import { z } from "zod";
import type { RouteModule } from "./context.js";
import { HttpError, parse, pathParam, query, route } from "./http.js";

const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }).loose();

export const registerRoutes: RouteModule = (server, deps) => {
  server.get(
    "/api/me",
    route(deps, async (ctx) => {
      const p = await ctx.principal();
      return {
        upn: p.upn,
        name: p.name,
        personId: p.personId ?? null,
        language: p.person?.language ?? null,
        roles: [...p.roles],
      };
    }),
  );

  server.get(
    "/api/themes",
    route(deps, async (ctx) => {
      await ctx.principal();
      return deps.stores.register.themes();
    }),
  );

  server.get(
    "/api/goals",
    route(deps, async (ctx) => {
      const p = await ctx.principal();
      const { year } = parse(yearQuery, query(ctx.req));
      const goals = await deps.stores.register.goals(year);
      if (isManager(p)) return goals;
      // Owners and preparers see the goals they answer for.
      return goals.filter((g) =>
        subjectsOfGoal(g).some(
          (s) => p.personId && (s.ownerIds.includes(p.personId) || s.preparerIds.includes(p.personId)),
        ),
      );
    }),
  );

  server.get(
    "/api/goals/:goalId",
    route(deps, async (ctx) => {
      const p = await ctx.principal();
      const goal = await deps.stores.register.goal(pathParam(ctx.req, "goalId"));
      if (!goal) throw new HttpError("notFound");
      const own = subjectsOfGoal(goal).some(
        (s) => p.personId && (s.ownerIds.includes(p.personId) || s.preparerIds.includes(p.personId)),
      );
      if (!isManager(p) && !own) throw new HttpError("forbidden");
      return goal;
    }),
  );

  server.get(
    "/api/people",
    route(deps, async (ctx) => {
      const p = await ctx.principal();
      const people = await deps.stores.register.people();
      if (isAdmin(p)) return people;
      if (isManager(p))
        return people.map(({ id, displayName, upn, email }) => ({ id, displayName, upn, email }));
      // Everyone may see the names of the people they work with; nothing more.
      return people.map(({ id, displayName }) => ({ id, displayName }));
    }),
  );
};
