// A round's live progress: where each delivery stands and who has answered. Admins poll it every few
// seconds while 10,000 check-ins go out, so one instance computes it at most once per `cacheMs` per
// round however many people watch (concurrent requests share one computation), and the delivery rows
// are read with only the columns shown.
import type { RoundProgress } from "@goal-forecast/core/contract/rounds";
import { responseStatus, type ResponseStatus } from "@goal-forecast/core/domain/status";
import { subjectsOfRound } from "@goal-forecast/core/domain/subjects";
import { DELIVERY_STATES, type DeliveryState } from "@goal-forecast/core/domain/delivery";
import type { DeliveryStore, DeliverySummary } from "../storage/deliveries.js";
import type { JobStore } from "../storage/dispatch-jobs.js";
import type { Stores } from "../storage/index.js";
import { CHECKIN_BATCH } from "../dispatch/schedule.js";
import type { ThrottleStatus } from "../dispatch/throttle.js";

// The shape of the answer is the contract's (contract/rounds.ts: roundProgressSchema).
export type { RoundProgress };
export type DeliveryProblem = RoundProgress["delivery"]["problems"][number];
export type BatchProgress = RoundProgress["delivery"]["batches"][number];
export type DeliveryCounts = BatchProgress["counts"];

const PROBLEM_STATES: ReadonlySet<DeliveryState> = new Set([
  "failed",
  "unreachable",
  "notInDirectory",
  "consentMissing",
  "inDoubt",
]);

export class ProgressService {
  private readonly cache = new Map<string, { at: number; value: Promise<RoundProgress | undefined> }>();

  constructor(
    private readonly deps: {
      stores: Pick<Stores, "rounds" | "register" | "reports">;
      deliveries: DeliveryStore;
      jobs: JobStore;
      throttle?: { status(): ThrottleStatus };
    },
    private readonly cacheMs = 2000,
  ) {}

  get(roundId: string): Promise<RoundProgress | undefined> {
    const now = Date.now();
    const hit = this.cache.get(roundId);
    if (hit && now - hit.at < this.cacheMs) return hit.value;
    const value = this.compute(roundId);
    this.cache.set(roundId, { at: now, value });
    value.catch(() => this.cache.delete(roundId));
    if (this.cache.size > 50)
      for (const [k, v] of this.cache) if (now - v.at >= this.cacheMs) this.cache.delete(k);
    return value;
  }

  /** Forgets the cached view (after an admin action, the next poll shows its effect). */
  invalidate(roundId: string): void {
    this.cache.delete(roundId);
  }

  private async compute(roundId: string): Promise<RoundProgress | undefined> {
    const round = await this.deps.stores.rounds.get(roundId);
    if (!round) return undefined;
    const [goals, people, reports, checkins, jobs] = await Promise.all([
      this.deps.stores.register.goals(round.year),
      this.deps.stores.register.people(),
      this.deps.stores.reports.listByRound(round.id),
      this.deps.deliveries.summaries(round.id, CHECKIN_BATCH),
      this.deps.jobs.forRound(round.id),
    ]);
    const otherBatches = [...new Set(jobs.map((j) => j.batchId).filter((b) => b !== CHECKIN_BATCH))];
    const others = await Promise.all(otherBatches.map((b) => this.deps.deliveries.summaries(round.id, b)));
    const names = new Map(people.map((p) => [p.id, p.displayName]));

    const problems: DeliveryProblem[] = [];
    const collect = (rows: DeliverySummary[]): DeliveryCounts => {
      const counts = zeroCounts();
      for (const r of rows) {
        counts[r.state] = (counts[r.state] ?? 0) + 1;
        if (PROBLEM_STATES.has(r.state))
          problems.push({
            personId: r.personId,
            displayName: names.get(r.personId) ?? r.personId,
            state: r.state,
            reason: r.reason ?? "",
            attempts: r.attempts,
            updatedAt: r.updatedAt,
            kind: r.kind,
          });
      }
      return counts;
    };
    const counts = collect(checkins);
    const batches: BatchProgress[] = otherBatches.map((batchId, i) => ({
      batchId,
      kind: others[i]?.[0]?.kind ?? jobs.find((j) => j.batchId === batchId)?.kind ?? "reminder",
      counts: collect(others[i] ?? []),
    }));

    const bySubject = new Map(reports.map((r) => [r.subjectId, r]));
    const responseCounts: Record<ResponseStatus, number> = { missing: 0, draft: 0, submitted: 0 };
    const subjects = subjectsOfRound(round, goals).map((s) => {
      const status = responseStatus(bySubject.get(s.id));
      responseCounts[status] += 1;
      return { subjectId: s.id, title: s.title, goalId: s.goalId, status, ownerIds: s.ownerIds };
    });

    const progress: RoundProgress = {
      round,
      delivery: { counts, problems, batches },
      responses: { counts: responseCounts, subjects },
      computedAt: new Date().toISOString(),
    };
    const throttle = this.deps.throttle?.status();
    if (throttle && throttle.pausedUntil > Date.now())
      progress.delivery.paused = {
        until: new Date(throttle.pausedUntil).toISOString(),
        reason: throttle.reason ?? "throttled",
      };
    return progress;
  }
}

export function zeroCounts(): DeliveryCounts {
  return Object.fromEntries(DELIVERY_STATES.map((s) => [s, 0])) as DeliveryCounts;
}
