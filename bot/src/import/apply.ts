// Writing a fully validated import so that it is never left half-done: one import at a time (lock),
// the whole write set staged in the journal first, then written (themes, people, goals — what others
// refer to first — then rounds and reports), then marked applied. An import interrupted by storage
// after staging is rolled forward from the journal at the next import, at start-up, or on request.
import { randomUUID } from "node:crypto";
import type { Goal, Person, Report, Round, Theme } from "@goal-forecast/core/domain/model";
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

/** Writes a write set; every write is an upsert, so writing it again after a failure is harmless. */
export async function applyWriteSet(stores: Stores, writes: WriteSet): Promise<void> {
  if (writes.themes?.length || writes.people?.length || writes.goals?.length) {
    await stores.register.saveRegister({
      ...(writes.themes?.length ? { themes: writes.themes } : {}),
      ...(writes.people?.length ? { people: writes.people } : {}),
      ...(writes.goals?.length ? { goals: writes.goals } : {}),
    });
  }
  if (writes.rounds?.length) await stores.rounds.upsertMany(writes.rounds);
  if (writes.reports?.length) await stores.reports.upsertMany(writes.reports);
}

/** Completes imports that were staged but not applied; returns how many it completed. */
export async function resumePendingImports(deps: ImportDeps): Promise<number> {
  const pending = await deps.journal.pending();
  for (const entry of pending) {
    const writes = (await deps.journal.payload(entry)) as WriteSet;
    await applyWriteSet(deps.stores, writes);
    await deps.journal.finish(entry);
    deps.logger.info(
      { importId: entry.id, kind: entry.kind, counts: entry.counts },
      "interrupted import completed from the journal",
    );
  }
  return pending.length;
}
