// What admins do with rounds: create, open, remind, extend, close, reopen, freeze, resend, name a
// substitute. Each change is checked by the domain rules (domain/rounds.ts), written with the
// round's ETag (two admins never overwrite each other) and recorded in the audit log.
import type { Round } from "@goal-forecast/core/domain/model";
import type { FieldError } from "@goal-forecast/core/domain/result";
import { daysLeft } from "@goal-forecast/core/domain/deadline";
import { isAllowed, refusal, type RoundCommand } from "@goal-forecast/core/domain/round-actions";
import { defaultRoundName, roundId, transition, type RoundAction } from "@goal-forecast/core/domain/rounds";
import { subjectsOfRound } from "@goal-forecast/core/domain/subjects";
import { changes, type FieldChange } from "@goal-forecast/core/domain/changes";
import type { AuditChannel, AuditEntry } from "../storage/audit.js";
import type { DeliveryState } from "@goal-forecast/core/domain/delivery";
import type { DeliveryStore } from "../storage/deliveries.js";
import { ConflictError } from "../storage/errors.js";
import type { Stores } from "../storage/index.js";
import type { JobRunner } from "../dispatch/jobs.js";
import { manualSuffix } from "../dispatch/jobs.js";
import { unsubmittedRecipients } from "@goal-forecast/core/domain/recipients";
import { CHECKIN_BATCH } from "../dispatch/schedule.js";

/** A command that cannot be done: not found, invalid input, or not in the round's current state. */
export class RoundCommandError extends Error {
  constructor(
    public readonly kind: "notFound" | "invalid" | "conflict",
    public readonly errors: FieldError[] = [],
  ) {
    super(kind);
    this.name = "RoundCommandError";
  }
}

export interface CreateRoundInput {
  year: number;
  number: number;
  name?: { fi: string; sv?: string; en?: string };
  dueAt: string;
  goalIds?: string[];
  reminderDays?: number[];
}

export const DEFAULT_REMINDER_DAYS = [7, 2, 0];
export { RESENDABLE } from "@goal-forecast/core/domain/delivery";

export interface RoundServiceDeps {
  stores: Pick<Stores, "register" | "rounds" | "reports" | "audit">;
  deliveries: DeliveryStore;
  runner: JobRunner;
  /** Lifts a throttle or 401 halt (an admin's resend means "try again now"). */
  resume?(): Promise<void>;
  /** After a change, the next progress poll shows it. */
  changed?(roundId: string): void;
  now?: () => Date;
}

export class RoundService {
  private readonly now: () => Date;

  constructor(private readonly deps: RoundServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async create(input: CreateRoundInput, by: string, channel: AuditChannel = "api"): Promise<Round> {
    const now = this.now();
    const errors: FieldError[] = [];
    const due = new Date(input.dueAt);
    if (Number.isNaN(due.getTime())) errors.push({ field: "dueAt", code: "invalidDate" });
    else if (due.getTime() <= now.getTime()) errors.push({ field: "dueAt", code: "outOfRange" });
    const goals = await this.deps.stores.register.goals(input.year);
    const known = new Set(goals.map((g) => g.id));
    const goalIds = input.goalIds ?? goals.filter((g) => g.active).map((g) => g.id);
    goalIds.forEach((id, i) => {
      if (!known.has(id)) errors.push({ field: `goalIds.${i}`, code: "invalidChoice" });
    });
    if (goalIds.length === 0) errors.push({ field: "goalIds", code: "required" });
    if (errors.length > 0) throw new RoundCommandError("invalid", errors);

    const defaults = defaultRoundName(input.year, input.number);
    const round: Round = {
      id: roundId(input.year, input.number),
      year: input.year,
      number: input.number,
      name: input.name ? { ...defaults, ...stripEmpty(input.name) } : defaults,
      state: "draft",
      dueAt: due.toISOString(),
      goalIds: [...new Set(goalIds)],
      reminderDays: [...new Set(input.reminderDays ?? DEFAULT_REMINDER_DAYS)].sort((a, b) => b - a),
      substitutes: {},
      createdAt: now.toISOString(),
      createdBy: by,
    };
    let created: Round;
    try {
      created = await this.deps.stores.rounds.create(round);
    } catch (error) {
      if (error instanceof ConflictError)
        throw new RoundCommandError("conflict", [
          { field: "number", code: "roundExists", params: { round: round.id } },
        ]);
      throw error;
    }
    await this.audit(
      by,
      "round.create",
      round.id,
      { goals: round.goalIds.length },
      channel,
      changes(undefined, { ...created, version: undefined }),
    );
    return created;
  }

  /** open, close, reopen, freeze, extend: the domain decides what is allowed. */
  async act(
    id: string,
    action: RoundAction,
    by: string,
    options: { dueAt?: string; reason?: string; channel?: AuditChannel } = {},
  ): Promise<Round> {
    const round = await this.get(id);
    const result = transition(round, {
      action,
      now: this.now(),
      ...(options.dueAt !== undefined ? { dueAt: options.dueAt } : {}),
    });
    if (!result.ok) {
      const illegal = result.errors.some((e) => e.code === "illegalTransition");
      throw new RoundCommandError(illegal ? "conflict" : "invalid", result.errors);
    }
    const updated = await this.deps.stores.rounds.update(result.value);
    const details: Record<string, unknown> = { from: round.state, to: updated.state };
    if (options.reason) details.reason = options.reason.slice(0, 500);
    await this.audit(by, `round.${action}`, id, details, options.channel, changes(round, updated));
    if (action === "open") {
      await this.deps.runner.create({
        id: `${id}|${CHECKIN_BATCH}`,
        roundId: id,
        batchId: CHECKIN_BATCH,
        kind: "checkin",
        mode: "recipients",
        createdBy: by,
      });
      this.deps.runner.kick();
    }
    this.deps.changed?.(id);
    return updated;
  }

  /** Reminds now everyone who may submit and has not: returns how many will get one. */
  async remind(id: string, by: string, channel: AuditChannel = "api"): Promise<{ queued: number }> {
    const round = await this.requireAllowed(id, "remind");
    const [goals, reports] = await Promise.all([
      this.deps.stores.register.goals(round.year),
      this.deps.stores.reports.listByRound(round.id),
    ]);
    const queued = unsubmittedRecipients(round, goals, reports).length;
    const now = this.now();
    if (queued > 0) {
      const batchId = `remind-${manualSuffix(now)}`;
      await this.deps.runner.create(
        {
          id: `${id}|${batchId}`,
          roundId: id,
          batchId,
          kind: "reminder",
          mode: "unsubmitted",
          createdBy: by,
          daysLeft: Math.max(0, daysLeft(round.dueAt, now)),
        },
        now,
      );
      this.deps.runner.kick();
    }
    await this.audit(by, "round.remind", id, { queued }, channel);
    this.deps.changed?.(id);
    return { queued };
  }

  /** Puts the check-ins in the given states back in the queue ("resend to failed"). */
  async resend(
    id: string,
    by: string,
    states: readonly DeliveryState[] = ["failed", "unreachable"],
    channel: AuditChannel = "api",
  ): Promise<{ queued: number }> {
    await this.requireAllowed(id, "resend");
    const wanted = new Set(states);
    const rows = await this.deps.deliveries.summaries(id, CHECKIN_BATCH);
    // Check-ins held back by a 401 halt go too: resending means "the credentials are fixed, go on".
    const queued = rows.filter(
      (r) => wanted.has(r.state) || (r.state === "queued" && r.reason === "unauthorized"),
    ).length;
    await this.deps.resume?.();
    if (queued > 0) {
      const now = this.now();
      await this.deps.runner.create(
        {
          id: `${id}|${CHECKIN_BATCH}|resend-${manualSuffix(now)}`,
          roundId: id,
          batchId: CHECKIN_BATCH,
          kind: "checkin",
          mode: "states",
          states: [...wanted],
          createdBy: by,
        },
        now,
      );
      this.deps.runner.kick();
    }
    await this.audit(by, "round.resend", id, { queued, states: [...wanted] }, channel);
    this.deps.changed?.(id);
    return { queued };
  }

  /** Names (or removes, with null) the person who may submit a subject in the owner's place this round. */
  async setSubstitute(
    id: string,
    subjectId: string,
    personId: string | null,
    by: string,
    channel: AuditChannel = "api",
  ): Promise<Round> {
    for (let attempt = 0; ; attempt++) {
      const round = await this.get(id);
      if (!isAllowed("substitute", round.state))
        throw new RoundCommandError("conflict", [refusal("substitute", round.state)]);
      const goals = await this.deps.stores.register.goals(round.year);
      if (!subjectsOfRound(round, goals).some((s) => s.id === subjectId))
        throw new RoundCommandError("notFound");
      if (personId !== null && !(await this.deps.stores.register.person(personId)))
        throw new RoundCommandError("invalid", [{ field: "personId", code: "invalidChoice" }]);
      const substitutes = { ...round.substitutes };
      const previous = substitutes[subjectId] ?? null;
      if (personId === null) delete substitutes[subjectId];
      else substitutes[subjectId] = personId;
      let updated: Round;
      try {
        updated = await this.deps.stores.rounds.update({ ...round, substitutes });
      } catch (error) {
        // Someone else changed the round meanwhile: a substitute is one key, so apply it again on theirs.
        if (error instanceof ConflictError && attempt < 3) continue;
        throw error;
      }
      await this.audit(
        by,
        "round.substitute",
        id,
        { subjectId, personId, previous },
        channel,
        changes(round, updated),
      );
      if (updated.state === "open" && personId !== null) {
        // The new substitute gets their check-in (only they: everyone else has a row already).
        const now = this.now();
        await this.deps.runner.create(
          {
            id: `${id}|${CHECKIN_BATCH}|topup-${manualSuffix(now)}`,
            roundId: id,
            batchId: CHECKIN_BATCH,
            kind: "checkin",
            mode: "recipients",
            createdBy: by,
          },
          now,
        );
        this.deps.runner.kick();
      }
      this.deps.changed?.(id);
      return updated;
    }
  }

  /** The round's audit trail, newest first. */
  async auditOf(id: string): Promise<AuditEntry[]> {
    const round = await this.get(id);
    return this.deps.stores.audit.forTarget(
      `round:${id}`,
      monthsBetween(new Date(round.createdAt), this.now()),
    );
  }

  private async get(id: string): Promise<Round> {
    const round = await this.deps.stores.rounds.get(id);
    if (!round) throw new RoundCommandError("notFound");
    return round;
  }

  private async requireAllowed(id: string, command: RoundCommand): Promise<Round> {
    const round = await this.get(id);
    if (!isAllowed(command, round.state))
      throw new RoundCommandError("conflict", [refusal(command, round.state)]);
    return round;
  }

  private async audit(
    by: string,
    action: string,
    id: string,
    details: Record<string, unknown>,
    channel: AuditChannel = "api",
    changed: FieldChange[] = [],
  ): Promise<void> {
    // The ETag is storage's bookkeeping, not a change anyone made.
    const made = changed.filter((c) => c.field !== "version");
    await this.deps.stores.audit.append({
      at: this.now().toISOString(),
      by,
      action,
      target: `round:${id}`,
      channel,
      ...(made.length > 0 ? { changes: made } : {}),
      details,
    });
  }
}

/** "yyyy-MM" of every month from `from` to `to` (at most the last 60). */
export function monthsBetween(from: Date, to: Date): string[] {
  const months: string[] = [];
  const cursor = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1));
  const end = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), 1));
  if (cursor > end) return [to.toISOString().slice(0, 7)];
  while (cursor <= end) {
    months.push(cursor.toISOString().slice(0, 7));
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return months.slice(-60);
}

function stripEmpty(name: { fi: string; sv?: string; en?: string }): {
  fi: string;
  sv?: string;
  en?: string;
} {
  const out: { fi: string; sv?: string; en?: string } = { fi: name.fi.trim() };
  if (name.sv?.trim()) out.sv = name.sv.trim();
  if (name.en?.trim()) out.en = name.en.trim();
  return out;
}
