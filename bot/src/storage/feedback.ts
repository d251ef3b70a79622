// Feedback sent from the tab (the accessibility statement's form), kept until it is answered.
// Table "feedback": PK "yyyy-MM" of receipt, RK the receipt number ("20261208-1A2B3C"), which sorts by
// day; few rows, read a month at a time.
import { randomBytes } from "node:crypto";
import type { FeedbackTopic } from "@goal-forecast/core/domain/feedback";
import type { Language } from "@goal-forecast/core/domain/model";
import type { StorageAccount } from "./client.js";
import { TABLES } from "./client.js";
import { DocumentTable } from "./documents.js";

export interface FeedbackRecord {
  /** The receipt number the sender was given. */
  id: string;
  receivedAt: string;
  /** Helsinki date by which the answer is due. */
  answerBy: string;
  topic: FeedbackTopic;
  message: string;
  where?: string;
  /** Who sent it: the register person, or the signed-in account when the register has none. */
  from: { personId?: string; upn: string; name: string };
  wantsAnswer: boolean;
  /** The language the sender used the tab in: the answer is written in it. */
  language: Language;
}

export interface FeedbackStore {
  /** Stores new feedback under a fresh receipt number; answers the stored record. */
  add(feedback: Omit<FeedbackRecord, "id">): Promise<FeedbackRecord>;
  get(id: string): Promise<FeedbackRecord | undefined>;
  /** Feedback received in one month ("2026-12"), oldest first. */
  month(month: string): Promise<FeedbackRecord[]>;
}

export class TableFeedbackStore implements FeedbackStore {
  private readonly table: DocumentTable<FeedbackRecord>;

  constructor(account: StorageAccount) {
    this.table = new DocumentTable(account.table(TABLES.feedback), "feedback");
  }

  async add(feedback: Omit<FeedbackRecord, "id">): Promise<FeedbackRecord> {
    // The day, readable on the phone, and 24 random bits: unique enough for a month's feedback, and
    // create() refuses a collision rather than overwriting.
    const day = feedback.receivedAt.slice(0, 10).replaceAll("-", "");
    const record: FeedbackRecord = {
      id: `${day}-${randomBytes(3).toString("hex").toUpperCase()}`,
      ...feedback,
    };
    await this.table.create(monthOf(record.id), record.id, record, { topic: record.topic });
    return record;
  }

  async get(id: string): Promise<FeedbackRecord | undefined> {
    if (!/^\d{8}-[0-9A-F]{6}$/.test(id)) return undefined;
    return (await this.table.get(monthOf(id), id))?.value;
  }

  async month(month: string): Promise<FeedbackRecord[]> {
    return (await this.table.list(month)).map((d) => d.value);
  }
}

/** "20261208-1A2B3C" → "2026-12". */
const monthOf = (id: string): string => `${id.slice(0, 4)}-${id.slice(4, 6)}`;
