// Audit log of administrative actions (round transitions, imports, role changes).
// Table "audit": PK "yyyy-MM", RK inverted time + random — newest first within a month.
import { randomUUID } from "node:crypto";
import type { StorageAccount } from "./client.js";
import { TABLES } from "./client.js";
import { DocumentTable } from "./documents.js";

export interface AuditEntry {
  at: string;
  /** Person id (or "system"). */
  by: string;
  action: string;
  /** What it acted on, e.g. "round:2020-2". */
  target: string;
  details?: Record<string, unknown>;
}

export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  /** Entries of one month ("2026-11"), newest first. */
  month(month: string): Promise<AuditEntry[]>;
  /** Entries about one target in the given months, newest first. */
  forTarget(target: string, months: string[]): Promise<AuditEntry[]>;
}

const MAX_MS = 8_640_000_000_000_000;

export class TableAuditLog implements AuditLog {
  private readonly table: DocumentTable<AuditEntry>;

  constructor(account: StorageAccount) {
    this.table = new DocumentTable(account.table(TABLES.audit), "audit entry");
  }

  async append(entry: AuditEntry): Promise<void> {
    const at = new Date(entry.at);
    const inverted = String(MAX_MS - at.getTime()).padStart(19, "0");
    await this.table.create(entry.at.slice(0, 7), `${inverted}-${randomUUID().slice(0, 8)}`, entry, {
      target: entry.target,
    });
  }

  async month(month: string): Promise<AuditEntry[]> {
    return (await this.table.list(month)).map((d) => d.value);
  }

  async forTarget(target: string, months: string[]): Promise<AuditEntry[]> {
    const lists = await Promise.all(
      months.map((m) => this.table.list(m, `target eq '${target.replace(/'/g, "''")}'`)),
    );
    return lists
      .flat()
      .map((d) => d.value)
      .sort((a, b) => b.at.localeCompare(a.at));
  }
}
