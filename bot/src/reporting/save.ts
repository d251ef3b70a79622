// Saving a report: the one path the bot's card and the REST API both take, so the rules
// (round open, role, validation, optimistic concurrency, history) hold the same everywhere.
import type { Report, ReportContent, ReportEvent, Round, Subject } from "@goal-forecast/core/domain/model";
import type { FieldError } from "@goal-forecast/core/domain/result";
import { acceptsReports } from "@goal-forecast/core/domain/rounds";
import { canSubmit, findSubject, roleFor, type AssignmentRole } from "@goal-forecast/core/domain/subjects";
import { validateReport, type ReportInput } from "@goal-forecast/core/domain/validation";
import type { Stores } from "../storage/index.js";
import { ConflictError } from "../storage/errors.js";

export interface SaveReportCommand {
  roundId: string;
  subjectId: string;
  /** Person id of who is saving. */
  personId: string;
  action: "draft" | "submit";
  input: ReportInput;
  /**
   * The version the person started editing from; undefined when they started from an empty or
   * copied-forward form. A mismatch with what is stored is a conflict, never a silent overwrite.
   */
  expectedVersion?: string;
  /** Through what the save came, for the report's history. */
  channel?: ReportEvent["channel"];
}

export type SaveOutcome =
  | { kind: "saved"; report: Report; round: Round; subject: Subject }
  | { kind: "invalid"; errors: FieldError[]; round: Round; subject: Subject }
  | { kind: "conflict"; current?: Report; round: Round; subject: Subject }
  | { kind: "forbidden"; reason: "notAssigned" | "preparerCannotSubmit" | "alreadySubmitted" }
  | { kind: "roundNotOpen"; round: Round }
  | { kind: "notFound"; what: "round" | "subject" };

/** The round and subject a caller has just read for the same request (the bot's card actions). */
export interface LoadedSubject {
  round: Round;
  subject: Subject;
  /** The subject's stored report as the caller read it (null: none); the write stays conditional on its version. */
  stored?: Report | null;
}

export async function saveReport(
  stores: Pick<Stores, "register" | "rounds" | "reports">,
  command: SaveReportCommand,
  now: Date = new Date(),
  loaded?: LoadedSubject,
): Promise<SaveOutcome> {
  // Reading them again would list every goal of the year a second time per save; the rules below still
  // run on what was passed, and the write itself stays conditional on the stored report's version.
  if (loaded && (loaded.round.id !== command.roundId || loaded.subject.id !== command.subjectId))
    throw new Error("saveReport: the loaded round and subject are not the command's");
  const round = loaded?.round ?? (await stores.rounds.get(command.roundId));
  if (!round) return { kind: "notFound", what: "round" };
  const subject =
    loaded?.subject ?? findSubject({ goals: await stores.register.goals(round.year) }, command.subjectId);
  if (!subject || !round.goalIds.includes(subject.goalId)) return { kind: "notFound", what: "subject" };
  if (!acceptsReports(round)) return { kind: "roundNotOpen", round };

  const role: AssignmentRole | undefined = roleFor(command.personId, subject, round);
  if (!role) return { kind: "forbidden", reason: "notAssigned" };
  if (command.action === "submit" && !canSubmit(role))
    return { kind: "forbidden", reason: "preparerCannotSubmit" };

  const validated = validateReport(command.input, subject, command.action);
  if (!validated.ok) return { kind: "invalid", errors: validated.errors, round, subject };

  const stored =
    loaded?.stored === undefined
      ? await stores.reports.get(round.id, subject.id)
      : (loaded.stored ?? undefined);
  // The same save again (its answer was lost: a restart, a timeout, Teams retrying): it is done already.
  if (stored && isSameSave(stored, validated.value, command))
    return { kind: "saved", report: stored, round, subject };
  if (stored && stored.version !== command.expectedVersion)
    return { kind: "conflict", current: stored, round, subject };
  if (!stored && command.expectedVersion) return { kind: "conflict", round, subject };
  if (stored?.state === "submitted" && command.action === "draft")
    return { kind: "forbidden", reason: "alreadySubmitted" };

  const at = now.toISOString();
  const report: Report = {
    ...validated.value,
    roundId: round.id,
    subjectId: subject.id,
    goalId: subject.goalId,
    state: command.action === "submit" ? "submitted" : "draft",
    updatedBy: command.personId,
    updatedAt: at,
  };
  if (command.action === "submit") {
    report.submittedBy = command.personId;
    report.submittedAt = at;
  }
  if (stored?.version) report.version = stored.version;

  const event: ReportEvent = {
    roundId: round.id,
    subjectId: subject.id,
    at,
    by: command.personId,
    action: command.action,
    state: report.state,
    progress: report.progress,
  };
  if (report.verdict) event.verdict = report.verdict;
  if (command.channel) event.channel = command.channel;

  let saved: Report;
  try {
    // The report row carries its event, so the history is complete even if the next write never happens.
    saved = await stores.reports.save(report, event);
  } catch (error) {
    if (error instanceof ConflictError)
      return { kind: "conflict", current: error.current as Report | undefined, round, subject };
    throw error;
  }
  // Best effort here: a failed write is made good by the next read of the history.
  await stores.reports.appendEvent(event).catch(() => undefined);
  return { kind: "saved", report: saved, round, subject };
}

function isSameSave(stored: Report, content: ReportContent, command: SaveReportCommand): boolean {
  const state = command.action === "submit" ? "submitted" : "draft";
  if (stored.updatedBy !== command.personId || stored.state !== state) return false;
  const contentOf = (r: ReportContent): string =>
    JSON.stringify({
      milestones: r.milestones,
      progress: r.progress,
      verdict: r.verdict,
      narrative: r.narrative,
      risks: r.risks,
    });
  return contentOf(stored) === contentOf(content);
}
