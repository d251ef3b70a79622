// Reports and their change history.
// Table "reports": PK round id, RK subject id — everything of one round is one partition query;
//   a subject's history across rounds is one point read per round (rounds are few: about 3 a year).
// Table "reportevents": PK "<round id>|<subject id>", RK "<ISO time>|<random>" — chronological.
import { randomUUID } from "node:crypto";
import type { Report, ReportEvent } from "../domain/model.js";
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
  save(report: Report): Promise<Report>;
  /** The subject's reports in the given rounds, in the order given (missing rounds left out). */
  history(subjectId: string, roundIds: readonly string[]): Promise<Report[]>;
  /** Writes reports whatever is stored (import of history). */
  upsertMany(reports: Report[]): Promise<void>;
  appendEvent(event: ReportEvent): Promise<void>;
  events(roundId: string, subjectId: string): Promise<ReportEvent[]>;
}

export class TableReportStore implements ReportStore {
  private readonly reports: DocumentTable<Report>;
  private readonly eventsTable: DocumentTable<ReportEvent>;

  constructor(account: StorageAccount) {
    this.reports = new DocumentTable(account.table(TABLES.reports), "report");
    this.eventsTable = new DocumentTable(account.table(TABLES.reportEvents), "report event");
  }

  async listByRound(roundId: string): Promise<Report[]> {
    return (await this.reports.list(roundId)).map((d) => ({ ...d.value, version: d.version }));
  }

  async get(roundId: string, subjectId: string): Promise<Report | undefined> {
    const doc = await this.reports.get(roundId, subjectId);
    return doc && { ...doc.value, version: doc.version };
  }

  async save(report: Report): Promise<Report> {
    const { version: expected, ...value } = report;
    const columns = { state: value.state, goalId: value.goalId, updatedAt: value.updatedAt };
    try {
      const version = expected
        ? await this.reports.replace(value.roundId, value.subjectId, value, expected, columns)
        : await this.reports.create(value.roundId, value.subjectId, value, columns);
      return { ...value, version };
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
    await this.eventsTable.create(
      `${event.roundId}|${event.subjectId}`,
      `${event.at}|${randomUUID().slice(0, 8)}`,
      event,
    );
  }

  async events(roundId: string, subjectId: string): Promise<ReportEvent[]> {
    return (await this.eventsTable.list(`${roundId}|${subjectId}`)).map((d) => d.value);
  }
}
