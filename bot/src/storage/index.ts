import { TableAuditLog, type AuditLog } from "./audit.js";
import type { StorageAccount } from "./client.js";
import { TableConversationStore, type ConversationStore } from "./conversations.js";
import { TableFeedbackStore, type FeedbackStore } from "./feedback.js";
import { TableRegisterStore, type RegisterStore } from "./register.js";
import { TableReportStore, type ReportStore } from "./reports.js";
import { TableRoundStore, type RoundStore } from "./rounds.js";

/** The stores the use cases work with; each an interface with its Azure Tables implementation. */
export interface Stores {
  register: RegisterStore;
  rounds: RoundStore;
  reports: ReportStore;
  audit: AuditLog;
  /** Where the bot reaches each person in Teams (conversation references). */
  conversations: ConversationStore;
  /** Feedback from the tab (the accessibility statement's form). */
  feedback: FeedbackStore;
}

export function createStores(account: StorageAccount): Stores {
  return {
    register: new TableRegisterStore(account),
    rounds: new TableRoundStore(account),
    reports: new TableReportStore(account),
    audit: new TableAuditLog(account),
    conversations: new TableConversationStore(account),
    feedback: new TableFeedbackStore(account),
  };
}

export { StorageAccount, TABLES } from "./client.js";
export { ConflictError, NotFoundError, StorageUnavailableError } from "./errors.js";
