// The round clock: every tick, for each open round, makes sure its check-in job exists (it is created
// when the round opens; this also repairs an open whose job write was lost), and creates the job of a
// reminder or escalation that has fallen due. Job ids are deterministic, so a job is created once
// however many instances tick; a lease only saves the others the reading. Then it runs open jobs,
// including those of an instance that died half way.
import type { Logger } from "../logging.js";
import type { RoundStore } from "../storage/rounds.js";
import type { LeaseStore } from "../storage/leases.js";
import type { JobRunner, JobSpec } from "./jobs.js";
import { CHECKIN_BATCH, dueEscalation, dueReminder } from "./schedule.js";

export interface SchedulerOptions {
  instanceId: string;
  intervalMs: number;
}

export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;

  constructor(
    private readonly deps: {
      rounds: Pick<RoundStore, "list">;
      leases: LeaseStore;
      runner: JobRunner;
      logger: Logger;
    },
    private readonly options: SchedulerOptions,
  ) {}

  start(): void {
    if (this.timer) return;
    const run = (): void => {
      if (this.ticking) return;
      this.ticking = this.tick()
        .then(() => undefined)
        .catch((error: unknown) => {
          this.deps.logger.warn(
            { err: (error as Error).message },
            "scheduler tick failed; next tick retries",
          );
        })
        .finally(() => (this.ticking = undefined));
    };
    this.timer = setInterval(run, this.options.intervalMs);
    this.timer.unref();
    run();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
    await this.deps.runner.idle();
  }

  /** One tick at `now` (tests pass the time; the timer passes the clock's). Returns the jobs it created. */
  async tick(now = new Date()): Promise<string[]> {
    const created: string[] = [];
    const mine = await this.deps.leases.tryAcquire(
      "scheduler",
      this.options.instanceId,
      this.options.intervalMs * 2,
      Date.now(),
    );
    if (mine) {
      for (const round of await this.deps.rounds.list()) {
        if (round.state !== "open") continue;
        const base = { roundId: round.id, createdBy: "scheduler" };
        const wanted: JobSpec[] = [
          {
            ...base,
            id: `${round.id}|${CHECKIN_BATCH}`,
            batchId: CHECKIN_BATCH,
            kind: "checkin",
            mode: "recipients",
          },
        ];
        const reminder = dueReminder(round, now);
        if (reminder) {
          const { batchId, days } = reminder;
          wanted.push({
            ...base,
            id: `${round.id}|${batchId}`,
            batchId,
            kind: "reminder",
            mode: "unsubmitted",
            daysLeft: days,
          });
        }
        const escalation = dueEscalation(round, now);
        if (escalation) {
          const { batchId } = escalation;
          wanted.push({
            ...base,
            id: `${round.id}|${batchId}`,
            batchId,
            kind: "escalation",
            mode: "escalation",
          });
        }
        for (const spec of wanted) {
          if (!(await this.deps.runner.create(spec, now))) continue;
          created.push(spec.id);
          this.deps.logger.info({ job: spec.id }, "scheduled dispatch job created");
        }
      }
    }
    await this.deps.runner.runPending();
    return created;
  }
}
