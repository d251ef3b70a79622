// Round administration (admins) and live progress (admins and managers): contract/rounds.ts.
// GET /api/rounds, /api/rounds/:roundId and the round views are in reports.ts.
import { contract } from "@goal-forecast/core/contract";
import type { Principal } from "../auth/principal.js";
import type { RoundService } from "../rounds/lifecycle.js";
import { RoundCommandError } from "../rounds/lifecycle.js";
import type { ProgressService } from "../rounds/progress.js";
import type { ReachService } from "../rounds/reach.js";
import { HttpError, requestChannel } from "./http.js";
import { Reply, type Implement } from "./implement.js";

export interface RoundsApi {
  service: RoundService;
  progress: ProgressService;
  reach: ReachService;
}

export function roundsRoutes(implement: Implement, rounds: RoundsApi): void {
  const { service, progress, reach } = rounds;
  const c = contract.rounds;

  implement(c.reach, async ({ params, lang }) => {
    const answer = await reach.get(params.roundId, lang);
    if (!answer) throw new HttpError("notFound");
    return answer;
  });

  implement(c.prepareReach, async ({ params, lang }) => {
    const answer = await reach.prepare(params.roundId, lang);
    if (!answer) throw new HttpError("notFound");
    return answer;
  });

  implement(c.create, async ({ body, principal, req, res }) => {
    const round = await command(() => service.create(body, who(principal), requestChannel(req)));
    res.header("Location", `/api/rounds/${encodeURIComponent(round.id)}`);
    return new Reply(201, round);
  });

  for (const action of ["open", "close", "reopen", "freeze"] as const) {
    implement(c[action], async ({ params, body, principal, req }) =>
      command(() =>
        service.act(params.roundId, action, who(principal), {
          channel: requestChannel(req),
          ...(body?.reason ? { reason: body.reason } : {}),
        }),
      ),
    );
  }

  implement(c.extend, async ({ params, body, principal, req }) =>
    command(() =>
      service.act(params.roundId, "extend", who(principal), {
        dueAt: body.dueAt,
        channel: requestChannel(req),
      }),
    ),
  );

  implement(c.remind, async ({ params, principal, req }) =>
    command(() => service.remind(params.roundId, who(principal), requestChannel(req))),
  );

  implement(c.resend, async ({ params, body, principal, req }) =>
    command(() => service.resend(params.roundId, who(principal), body?.states, requestChannel(req))),
  );

  implement(c.setSubstitute, async ({ params, body, principal, req }) =>
    command(() =>
      service.setSubstitute(
        params.roundId,
        params.subjectId,
        body.personId,
        who(principal),
        requestChannel(req),
      ),
    ),
  );

  implement(c.progress, async ({ params, res }) => {
    const result = await progress.get(params.roundId);
    if (!result) throw new HttpError("notFound");
    res.header("Cache-Control", "no-store");
    return result;
  });

  implement(c.audit, async ({ params }) => command(() => service.auditOf(params.roundId)));
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
