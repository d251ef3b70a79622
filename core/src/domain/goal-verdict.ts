// The verdict of a goal, rolled up from its subjects (the goal itself, or each of its projects).
import type { Verdict } from "./model.js";

/** Verdicts from best to worst, as the board reads drift and roll-up. */
export const VERDICT_RANK: Record<Verdict, number> = { achieved: 0, onTrack: 1, atRisk: 2, notAchieved: 3 };

/**
 * A goal is as good as its weakest part: the least favourable of its subjects' verdicts. A subject
 * without a verdict does not pull the goal either way; with no verdict at all the goal has none.
 * The caller decides which verdicts are given (see counted-verdicts.ts for which reports count).
 */
export function goalVerdict(parts: Iterable<Verdict | undefined>): Verdict | undefined {
  let worst: Verdict | undefined;
  for (const v of parts)
    if (v !== undefined && (worst === undefined || VERDICT_RANK[v] > VERDICT_RANK[worst])) worst = v;
  return worst;
}
