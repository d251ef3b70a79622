// Journal of imports, so an import is never left half-written.
// Table Storage has no transaction across partitions or beyond 100 entities, so an import is first
// staged here in full (its documents as JSON parts), then written to the register, rounds and
// reports, then marked applied. If writing fails midway the staged copy stays "staged" and is written
// again — every write is an upsert, so repeating it is harmless — at the next start or import.
// Table "imports": PK "journal" RK import id (the entry); PK "payload-<id>" RK part number;
// PK "lock" RK "import" (one import at a time).
import type { StorageAccount } from "./client.js";
import { TABLES } from "./client.js";
import { DocumentTable } from "./documents.js";
import { ConflictError } from "./errors.js";

export interface JournalEntry {
  id: string;
  kind: "register" | "history";
  at: string;
  by: string;
  state: "staged" | "applied";
  parts: number;
  counts: Record<string, number>;
}

export interface ImportJournal {
  /** Takes the import lock for `owner`; false while another import holds it (locks expire). */
  lock(owner: string, now?: Date): Promise<boolean>;
  unlock(owner: string): Promise<void>;
  /** Stores the whole payload, then the entry: an entry exists only with its complete payload. */
  stage(entry: Omit<JournalEntry, "state" | "parts">, payload: unknown): Promise<JournalEntry>;
  /** Entries staged and not yet applied, oldest first. */
  pending(): Promise<JournalEntry[]>;
  payload(entry: JournalEntry): Promise<unknown>;
  /** Marks the entry applied and drops its payload. */
  finish(entry: JournalEntry): Promise<void>;
}

/** Characters per payload part: stays under the entity limit even if JSON escaping doubles it. */
const PART = 200_000;
/** A lock older than this belongs to an import that died; the next one may take it over. */
const LOCK_TTL_MS = 10 * 60 * 1000;

interface Lock {
  owner: string;
  at: string;
}

export class TableImportJournal implements ImportJournal {
  private readonly entries: DocumentTable<JournalEntry>;
  private readonly parts: DocumentTable<{ text: string }>;
  private readonly locks: DocumentTable<Lock>;

  constructor(account: StorageAccount) {
    const client = account.table(TABLES.imports);
    this.entries = new DocumentTable(client, "import journal");
    this.parts = new DocumentTable(client, "import payload");
    this.locks = new DocumentTable(client, "import lock");
  }

  async lock(owner: string, now = new Date()): Promise<boolean> {
    const lock: Lock = { owner, at: now.toISOString() };
    try {
      await this.locks.create("lock", "import", lock);
      return true;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
    const held = await this.locks.get("lock", "import");
    if (!held) return this.lock(owner, now);
    if (now.getTime() - new Date(held.value.at).getTime() < LOCK_TTL_MS) return false;
    try {
      await this.locks.replace("lock", "import", lock, held.version);
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }

  async unlock(owner: string): Promise<void> {
    const held = await this.locks.get("lock", "import");
    if (held?.value.owner === owner) await this.locks.delete("lock", "import");
  }

  async stage(entry: Omit<JournalEntry, "state" | "parts">, payload: unknown): Promise<JournalEntry> {
    const json = JSON.stringify(payload);
    const parts = Math.max(1, Math.ceil(json.length / PART));
    for (let i = 0; i < parts; i++) {
      await this.parts.upsert(`payload-${entry.id}`, partKey(i), {
        text: json.slice(i * PART, (i + 1) * PART),
      });
    }
    const staged: JournalEntry = { ...entry, state: "staged", parts };
    await this.entries.upsert("journal", entry.id, staged, { state: "staged" });
    return staged;
  }

  async pending(): Promise<JournalEntry[]> {
    const docs = await this.entries.list("journal", "state eq 'staged'");
    return docs.map((d) => d.value).sort((a, b) => a.at.localeCompare(b.at));
  }

  async payload(entry: JournalEntry): Promise<unknown> {
    const docs = await this.parts.list(`payload-${entry.id}`);
    // Rows of a partition come back in row-key order, which is the parts' order.
    if (docs.length !== entry.parts) throw new Error(`import ${entry.id}: payload incomplete`);
    return JSON.parse(docs.map((d) => d.value.text).join(""));
  }

  async finish(entry: JournalEntry): Promise<void> {
    await this.entries.upsert("journal", entry.id, { ...entry, state: "applied" }, { state: "applied" });
    for (let i = 0; i < entry.parts; i++) await this.parts.delete(`payload-${entry.id}`, partKey(i));
  }
}

function partKey(i: number): string {
  return String(i).padStart(6, "0");
}
