// Rounds and reports as viewers may see them, the owner's write path (same rules as the bot), and
// the consolidated views: contract/reports.ts and contract/rounds.ts.
import { contract } from "@goal-forecast/core/contract";
import { canSeeReport, isAdmin, isManager } from "@goal-forecast/core/domain/access";
import { refusedWrite } from "@goal-forecast/core/domain/round-writes";
import { findSubject } from "@goal-forecast/core/domain/subjects";
import { compareRounds, roundOverview, subjectHistory } from "../reporting/overview.js";
import { saveReport } from "../reporting/save.js";
import type { Stores } from "../storage/index.js";
import { HttpError, requestChannel } from "./http.js";
import type { Implement } from "./implement.js";

export function reportRoutes(implement: Implement, stores: Stores): void {
  const { rounds, reports } = contract;

  implement(rounds.list, async () => stores.rounds.list());

  implement(rounds.get, async ({ params }) => {
    const round = await stores.rounds.get(params.roundId);
    if (!round) throw new HttpError("notFound");
    return round;
  });

  implement(rounds.overview, async ({ params, principal }) => {
    const overview = await roundOverview(stores, params.roundId, principal);
    if (!overview) throw new HttpError("notFound");
    return overview;
  });

  implement(reports.list, async ({ params, principal }) => {
    const round = await stores.rounds.get(params.roundId);
    if (!round) throw new HttpError("notFound");
    const [goals, all] = await Promise.all([
      stores.register.goals(round.year),
      stores.reports.listByRound(round.id),
    ]);
    return all.filter((r) => {
      const subject = findSubject({ goals }, r.subjectId);
      return subject !== undefined && canSeeReport(principal, subject, round, r);
    });
  });

  implement(reports.get, async ({ params, principal: p }) => {
    const round = await stores.rounds.get(params.roundId);
    if (!round) throw new HttpError("notFound");
    const { subjectId } = params;
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
  });

  implement(reports.save, async ({ params, body, principal: p, req }) => {
    if (!p.personId) throw new HttpError("forbidden");
    const outcome = await saveReport(stores, {
      roundId: params.roundId,
      subjectId: params.subjectId,
      personId: p.personId,
      action: body.action,
      input: body.report,
      channel: requestChannel(req),
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
        throw new HttpError("conflict", [refusedWrite("report", outcome.round)], { reason: "roundNotOpen" });
      case "notFound":
        throw new HttpError("notFound");
    }
  });

  implement(reports.history, async ({ params, principal: p }) => {
    const goal = await stores.register.goal(params.goalId);
    if (!goal) throw new HttpError("notFound");
    const history = await subjectHistory(stores, goal, params.subjectId, p);
    if (!history) throw new HttpError("notFound");
    if (history.entries.length === 0 && !isAdmin(p)) throw new HttpError("forbidden");
    return history;
  });

  implement(rounds.compare, async ({ params, principal }) => {
    const result = await compareRounds(stores, params.otherRoundId, params.roundId, principal);
    if (!result) throw new HttpError("notFound");
    return result;
  });
}
