// Read access to the goal register: themes, goals (with projects and milestones), people, and "me"
// (contract/register.ts; the admin edits are in register-admin.ts).
import { contract } from "@goal-forecast/core/contract";
import type { Goal } from "@goal-forecast/core/domain/model";
import { isAdmin, isManager, type Viewer } from "@goal-forecast/core/domain/access";
import { subjectsOfGoal } from "@goal-forecast/core/domain/subjects";
import type { Stores } from "../storage/index.js";
import { HttpError } from "./http.js";
import type { Implement } from "./implement.js";

/** Owners and preparers see the goals they answer for. */
const answersForGoal = (p: Viewer, goal: Goal): boolean =>
  subjectsOfGoal(goal).some(
    (s) =>
      p.personId !== undefined && (s.ownerIds.includes(p.personId) || s.preparerIds.includes(p.personId)),
  );

export function registerRoutes(implement: Implement, stores: Stores): void {
  const c = contract.register;

  implement(c.me, async ({ principal: p }) => ({
    upn: p.upn,
    name: p.name,
    personId: p.personId ?? null,
    language: p.person?.language ?? null,
    roles: [...p.roles],
  }));

  implement(c.themes, async () => stores.register.themes());

  implement(c.goals, async ({ query, principal: p }) => {
    const goals = await stores.register.goals(query.year);
    return isManager(p) ? goals : goals.filter((g) => answersForGoal(p, g));
  });

  implement(c.goal, async ({ params, principal: p }) => {
    const goal = await stores.register.goal(params.goalId);
    if (!goal) throw new HttpError("notFound");
    if (!isManager(p) && !answersForGoal(p, goal)) throw new HttpError("forbidden");
    return goal;
  });

  implement(c.people, async ({ principal: p }) => {
    const people = await stores.register.people();
    if (isAdmin(p)) return people;
    if (isManager(p))
      return people.map(({ id, displayName, upn, email }) => ({ id, displayName, upn, email }));
    // Everyone may see the names of the people they work with; nothing more.
    return people.map(({ id, displayName }) => ({ id, displayName }));
  });
}
