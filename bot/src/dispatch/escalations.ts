// What each person's escalation lists, computed for a whole round at once (the same rule that chose
// the recipients, core/src/domain/recipients.ts) and remembered for a few seconds: a round's
// escalations go out together, and each must not read every goal and report of the round again.
import type { Round } from "@goal-forecast/core/domain/model";
import { escalationTargets, type MissingReport } from "@goal-forecast/core/domain/recipients";
import type { Stores } from "../storage/index.js";

const TTL_MS = 10_000;

export class EscalationLists {
  private readonly cache = new Map<string, { at: number; value: Promise<Map<string, MissingReport[]>> }>();

  constructor(
    private readonly stores: Pick<Stores, "register" | "reports">,
    /** People the reports without a manager go to. */
    private readonly adminIds: () => Promise<string[]>,
  ) {}

  async of(round: Round, personId: string): Promise<MissingReport[]> {
    let hit = this.cache.get(round.id);
    if (!hit || Date.now() - hit.at > TTL_MS) {
      const value = this.compute(round);
      hit = { at: Date.now(), value };
      this.cache.set(round.id, hit);
      value.catch(() => this.cache.delete(round.id));
    }
    return (await hit.value).get(personId) ?? [];
  }

  private async compute(round: Round): Promise<Map<string, MissingReport[]>> {
    const [goals, reports, people, admins] = await Promise.all([
      this.stores.register.goals(round.year),
      this.stores.reports.listByRound(round.id),
      this.stores.register.people(),
      this.adminIds(),
    ]);
    return escalationTargets(round, goals, reports, people, admins);
  }
}
