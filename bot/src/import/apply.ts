// Writing a fully validated import so that it is never left half-done: one import at a time (lock),
// the whole write set staged in the journal first, then written (themes, people, goals — what others
// refer to first — then rounds and reports), then marked applied. An import interrupted by storage
// after staging is rolled forward from the journal at the next import, at start-up, or on request.
import { randomUUID } from "node:crypto";
import type { Goal, Person, Report, Round, Theme } from "@goal-forecast/core/domain/model";
import { frozenRoundOfGoalEdit, mayWrite, sameDocument } from "@goal-forecast/core/domain/round-writes";
import type { Logger } from "../logging.js";
import type { Stores } from "../storage/index.js";
import type { ImportJournal, JournalEntry } from "../storage/imports.js";

export interface WriteSet {
  themes?: Theme[];
  people?: Person[];
  goals?: Goal[];
  rounds?: Round[];
  reports?: Report[];
}

export interface ImportDeps {
  stores: Stores;
  journal: ImportJournal;
  logger: Logger;
}

/** Another import is being written right now. */
export class ImportBusyError extends Error {
  constructor() {
    super("another import is running");
    this.name = "ImportBusyError";
  }
}

/** Storage failed after the import was staged: it is kept and will be completed from the journal. */
export class ImportInterruptedError extends Error {
  constructor(
    public readonly importId: string,
    options?: { cause?: unknown },
  ) {
    super(`import ${importId} interrupted; it will be completed from the journal`, options);
    this.name = "ImportInterruptedError";
  }
}

export async function writeImport(
  deps: ImportDeps,
  meta: { kind: JournalEntry["kind"]; by: string; counts: Record<string, number> },
  writes: WriteSet,
  now: Date = new Date(),
): Promise<string> {
  const id = `${now
    .toISOString()
    .replace(/[-:.TZ]/g, "")
    .slice(0, 14)}-${randomUUID().slice(0, 8)}`;
  if (!(await deps.journal.lock(id, now))) throw new ImportBusyError();
  try {
    // An earlier import that storage interrupted goes first, so imports land in the order made.
    await resumePendingImports(deps);
    const entry = await deps.journal.stage(
      { id, kind: meta.kind, at: now.toISOString(), by: meta.by, counts: meta.counts },
      writes,
    );
    try {
      await applyWriteSet(deps.stores, writes);
      await deps.journal.finish(entry);
    } catch (error) {
      deps.logger.warn({ importId: id, err: error }, "import interrupted after staging; kept in the journal");
      throw new ImportInterruptedError(id, { cause: error });
    }
    return id;
  } finally {
    await deps.journal
      .unlock(id)
      .catch((error: unknown) => deps.logger.warn({ err: error }, "import lock not released"));
  }
}

/**
 * Writes a write set; every write is an upsert, so writing it again after a failure is harmless.
 * Returns how many documents it left out because they would change a final round.
 */
export async function applyWriteSet(stores: Stores, writes: WriteSet): Promise<number> {
  const { kept, skipped } = await withoutFinalRoundChanges(stores, writes);
  if (kept.themes?.length || kept.people?.length || kept.goals?.length) {
    await stores.register.saveRegister({
      ...(kept.themes?.length ? { themes: kept.themes } : {}),
      ...(kept.people?.length ? { people: kept.people } : {}),
      ...(kept.goals?.length ? { goals: kept.goals } : {}),
    });
  }
  if (kept.rounds?.length) await stores.rounds.upsertMany(kept.rounds);
  if (kept.reports?.length) await stores.reports.upsertMany(kept.reports);
  return skipped;
}

/**
 * The plan refused changes to closed and frozen rounds, but a write set rolled forward from the
 * journal was checked before: a round may have been frozen since. Its own partial write (the same
 * round document already stored) goes on; anything else that would change a final round is left out.
 */
async function withoutFinalRoundChanges(
  stores: Stores,
  writes: WriteSet,
): Promise<{ kept: WriteSet; skipped: number }> {
  if (!writes.rounds?.length && !writes.reports?.length && !writes.goals?.length)
    return { kept: writes, skipped: 0 };
  const storedRounds = await stores.rounds.list();
  const stored = new Map(storedRounds.map((r) => [r.id, r]));
  const staged = new Map((writes.rounds ?? []).map((r) => [r.id, r]));
  const own = (id: string): boolean => {
    const before = stored.get(id);
    if (!before || mayWrite("import", before.state)) return true;
    const mine = staged.get(id);
    return mine !== undefined && sameDocument(before, mine);
  };
  const rounds = (writes.rounds ?? []).filter((r) => own(r.id));
  const reports = (writes.reports ?? []).filter((r) => own(r.roundId));
  let goals = writes.goals ?? [];
  if (goals.length > 0) {
    const storedGoals = new Map((await stores.register.goals()).map((g) => [g.id, g]));
    goals = goals.filter((g) => !frozenRoundOfGoalEdit(storedGoals.get(g.id), g, storedRounds));
  }
  const skipped =
    (writes.rounds?.length ?? 0) -
    rounds.length +
    (writes.reports?.length ?? 0) -
    reports.length +
    (writes.goals?.length ?? 0) -
    goals.length;
  return { kept: { ...writes, rounds, reports, goals }, skipped };
}

/** Completes imports that were staged but not applied; returns how many it completed. */
export async function resumePendingImports(deps: ImportDeps): Promise<number> {
  const pending = await deps.journal.pending();
  for (const entry of pending) {
    const writes = (await deps.journal.payload(entry)) as WriteSet;
    const skipped = await applyWriteSet(deps.stores, writes);
    if (skipped > 0)
      deps.logger.warn(
        { importId: entry.id, skipped },
        "parts of an interrupted import would change a closed or frozen round; left out",
      );
    await deps.journal.finish(entry);
    deps.logger.info(
      { importId: entry.id, kind: entry.kind, counts: entry.counts },
      "interrupted import completed from the journal",
    );
  }
  return pending.length;
}
