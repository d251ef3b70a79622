// Reports and their change history.
// Table "reports": PK round id, RK subject id — everything of one round is one partition query;
//   a subject's history across rounds is one point read per round (rounds are few: about 3 a year).
// Table "reportevents": PK "<round id>|<subject id>", RK "<ISO time>|<hash of who and what>" —
//   chronological, and the same event always has the same key, so writing it twice stores it once.
// The two tables cannot share a transaction, so a saved report carries the event of its save
// ("lastEvent", never shown): if the process dies between the two writes, or the event write fails,
// the next read of the history writes the missing event. A report is never seen without its history.
import { createHash } from "node:crypto";
import type { Report, ReportEvent } from "@goal-forecast/core/domain/model";
import type { StorageAccount } from "./client.js";
import { TABLES } from "./client.js";
import { DocumentTable } from "./documents.js";
import { ConflictError } from "./errors.js";

export interface ReportStore {
  listByRound(roundId: string): Promise<Report[]>;
  get(roundId: string, subjectId: string): Promise<Report | undefined>;
  /**
   * Saves a report. With `report.version` set, only if the stored one still has that version; without,
   * only if none is stored yet. A stale write throws ConflictError carrying the stored report.
   */
  save(report: Report, event?: ReportEvent): Promise<Report>;
  /** The subject's reports in the given rounds, in the order given (missing rounds left out). */
  history(subjectId: string, roundIds: readonly string[]): Promise<Report[]>;
  /** Writes reports whatever is stored (import of history). */
  upsertMany(reports: Report[]): Promise<void>;
  /** Stores an event once: appending the same event again changes nothing. */
  appendEvent(event: ReportEvent): Promise<void>;
  /**
   * The subject's history in the round, oldest first, including the event of the latest save. `known`
   * is the report as this store just returned it (null: none is stored), so its row is not read again.
   */
  events(roundId: string, subjectId: string, known?: Report | null): Promise<ReportEvent[]>;
}

/** The stored report document: the report and the event of the save that wrote it. */
type StoredReport = Report & { lastEvent?: ReportEvent };

function withoutEvent(doc: { value: StoredReport; version: string }): Report {
  const { lastEvent: _, ...report } = doc.value;
  return { ...report, version: doc.version };
}

function eventKey(event: ReportEvent): string {
  const what = createHash("sha256").update(`${event.by}|${event.action}|${event.state}`).digest("hex");
  return `${event.at}|${what.slice(0, 8)}`;
}

export class TableReportStore implements ReportStore {
  private readonly reports: DocumentTable<StoredReport>;
  private readonly eventsTable: DocumentTable<ReportEvent>;
  /** The event each report this store returned was saved with: events() need not read its row again. */
  private readonly lastEvents = new WeakMap<Report, ReportEvent | null>();

  constructor(account: StorageAccount) {
    this.reports = new DocumentTable(account.table(TABLES.reports), "report");
    this.eventsTable = new DocumentTable(account.table(TABLES.reportEvents), "report event");
  }

  async listByRound(roundId: string): Promise<Report[]> {
    return (await this.reports.list(roundId)).map(withoutEvent);
  }

  async get(roundId: string, subjectId: string): Promise<Report | undefined> {
    const doc = await this.reports.get(roundId, subjectId);
    if (!doc) return undefined;
    const report = withoutEvent(doc);
    this.lastEvents.set(report, doc.value.lastEvent ?? null);
    return report;
  }

  async save(report: Report, event?: ReportEvent): Promise<Report> {
    const { version: expected, ...value } = report;
    const columns = { state: value.state, goalId: value.goalId, updatedAt: value.updatedAt };
    const stored: StoredReport = event ? { ...value, lastEvent: event } : value;
    try {
      const version = expected
        ? await this.reports.replace(value.roundId, value.subjectId, stored, expected, columns)
        : await this.reports.create(value.roundId, value.subjectId, stored, columns);
      const saved = { ...value, version };
      this.lastEvents.set(saved, event ?? null);
      return saved;
    } catch (error) {
      if (error instanceof ConflictError) {
        const current = await this.get(value.roundId, value.subjectId);
        throw new ConflictError(error.message, current);
      }
      throw error;
    }
  }

  async history(subjectId: string, roundIds: readonly string[]): Promise<Report[]> {
    const found = await Promise.all(roundIds.map((r) => this.get(r, subjectId)));
    return found.filter((r): r is Report => r !== undefined);
  }

  async upsertMany(reports: Report[]): Promise<void> {
    const byRound = new Map<string, Report[]>();
    for (const r of reports) byRound.set(r.roundId, [...(byRound.get(r.roundId) ?? []), r]);
    for (const [roundId, list] of byRound) {
      await this.reports.upsertMany(
        roundId,
        list.map(({ version: _, ...value }) => ({
          rk: value.subjectId,
          value,
          columns: { state: value.state, goalId: value.goalId, updatedAt: value.updatedAt },
        })),
      );
    }
  }

  async appendEvent(event: ReportEvent): Promise<void> {
    try {
      await this.eventsTable.create(`${event.roundId}|${event.subjectId}`, eventKey(event), event);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error; // stored already
    }
  }

  async events(roundId: string, subjectId: string, known?: Report | null): Promise<ReportEvent[]> {
    const lastEvent = async (): Promise<ReportEvent | undefined> => {
      if (known === null) return undefined;
      if (known && this.lastEvents.has(known)) return this.lastEvents.get(known) ?? undefined;
      return (await this.reports.get(roundId, subjectId))?.value.lastEvent;
    };
    const [docs, last] = await Promise.all([this.eventsTable.list(`${roundId}|${subjectId}`), lastEvent()]);
    const events = docs.map((d) => d.value);
    if (last && !events.some((e) => eventKey(e) === eventKey(last))) {
      // The save that wrote the report was cut off before its event: complete it now.
      await this.appendEvent(last);
      events.push(last);
      events.sort((a, b) => a.at.localeCompare(b.at));
    }
    return events;
  }
}
