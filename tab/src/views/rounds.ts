// Rounds in the order people look for them: the newest first.
import type { Round } from "@goal-forecast/core/domain/model";

type Ordered = Pick<Round, "year" | "number">;

export function newestFirst<R extends Ordered>(rounds: readonly R[]): R[] {
  return [...rounds].sort((a, b) => b.year - a.year || b.number - a.number);
}

/** The rounds that have started (left preparation), newest first. */
export function startedNewestFirst<R extends Ordered & Pick<Round, "state">>(rounds: readonly R[]): R[] {
  return newestFirst(rounds.filter((r) => r.state !== "draft"));
}
