// Reaching a person the bot has not met: before their first message, the app is installed for them
// through Microsoft Graph (the AppInstaller port; graph/installer.ts), their 1:1 chat is read from the
// installation and stored as their conversation, and the message goes there. Every step is idempotent
// (an installed app answers 409, the chat of an installation is always the same), so a retry or a
// crash in between repeats it harmlessly. Whichever comes first wins: the chat this step finds, or the
// installationUpdate Teams sends the bot after the install (teams/people.ts stores that one).
import type { Person } from "@goal-forecast/core/domain/model";
import type { Logger } from "../logging.js";
import {
  DirectoryError,
  directoryKey,
  type DirectoryLookup,
  type DirectoryPerson,
} from "../register/directory.js";
import type { ConversationRecord, ConversationStore } from "../storage/conversations.js";
import type { Address, SendOutcome } from "./sender.js";

export type InstallResult =
  | { kind: "ready"; chatId: string }
  /** The user is not in the tenant (deleted, or a wrong UPN). */
  | { kind: "notFound" }
  /** Graph refused: the permission is not consented, or a policy blocks the app. */
  | { kind: "consentMissing"; permission: string; detail: string }
  /** The app is not in the organisation's catalog (not published, or the configured id is wrong). */
  | { kind: "appNotInCatalog"; detail: string }
  /** Graph throttled or was not reachable, or the installation's chat is not ready yet: try later. */
  | { kind: "later"; retryAfterMs?: number; detail: string };

export interface AppInstaller {
  /**
   * Installs the app for the user (already installed is fine) and finds the bot's 1:1 chat with them,
   * by `deadline` (epoch ms), waits for Graph's throttling included.
   */
  installFor(aadObjectId: string, deadline: number): Promise<InstallResult>;
}

export interface InstallsDeps {
  installer: AppInstaller;
  directory: DirectoryLookup;
  conversations: Pick<ConversationStore, "get" | "save">;
  /** The bot's id in conversations ("28:<app id>"). */
  botId: string;
  /** Graph's part of one send ends within this (graphBudgetMs). */
  budgetMs: number;
  logger: Logger;
}

/**
 * How long Graph's part of one send may take at most: the send to Teams follows with its own timeout,
 * and a send the dispatcher does not hear back from in time is in doubt, never resent.
 */
export function graphBudgetMs(sendTimeoutMs: number, teamsTimeoutMs: number): number {
  return Math.max(1000, Math.min(8000, sendTimeoutMs - teamsTimeoutMs - 2000));
}

export type Reach = { kind: "reached"; address: Address } | { kind: "notReached"; outcome: SendOutcome };

export class Installs {
  constructor(private readonly deps: InstallsDeps) {}

  /** The person's address with a conversation, after installing the app for them if needed. */
  async reach(person: Person, to: Address): Promise<Reach> {
    const notReached = (outcome: SendOutcome): Reach => ({ kind: "notReached", outcome });
    const deadline = Date.now() + this.deps.budgetMs;
    let aad = to.aadObjectId;
    let locale: string | undefined;
    if (!aad) {
      const found = await this.lookup(person, deadline);
      if (found && "kind" in found) return found;
      if (!found || !found.accountEnabled)
        return notReached({
          kind: "notReached",
          state: "notInDirectory",
          reason: found ? "accountDisabled" : "notInDirectory",
          detail: person.upn,
        });
      aad = found.aadObjectId;
      locale = found.language;
    }
    const result = await this.deps.installer.installFor(aad, deadline);
    switch (result.kind) {
      case "notFound":
        return notReached({
          kind: "notReached",
          state: "notInDirectory",
          reason: "notInDirectory",
          detail: person.upn,
        });
      case "consentMissing":
        return notReached({
          kind: "notReached",
          state: "consentMissing",
          reason: "consentMissing",
          detail: result.permission,
        });
      case "appNotInCatalog":
        return notReached({
          kind: "notReached",
          state: "consentMissing",
          reason: "appNotInCatalog",
          detail: result.detail,
        });
      case "later":
        return notReached({
          kind: "installing",
          ...(result.retryAfterMs !== undefined ? { retryAfterMs: result.retryAfterMs } : {}),
          detail: result.detail,
        });
      case "ready":
        break;
    }
    // Teams may have told the bot already (installationUpdate): its record knows the person's Teams id.
    const known = await this.deps.conversations.get(aad);
    const record: ConversationRecord =
      known && known.conversationId === result.chatId && known.reachable
        ? { ...known, personId: person.id }
        : {
            ...(known ?? {}),
            aadObjectId: aad,
            personId: person.id,
            upn: person.upn,
            ...(person.email ? { email: person.email } : {}),
            name: person.displayName,
            ...(to.tenantId ? { tenantId: to.tenantId } : {}),
            userId: known?.userId ?? aad,
            conversationId: result.chatId,
            serviceUrl: to.serviceUrl,
            channelId: "msteams",
            botId: known?.botId ?? this.deps.botId,
            ...(locale ? { locale } : {}),
            reachable: true,
            updatedAt: new Date().toISOString(),
          };
    delete record.unreachableCause;
    const saved = await this.deps.conversations.save(record);
    this.deps.logger.info({ personId: person.id }, "app installed for the person: 1:1 chat stored");
    return { kind: "reached", address: { ...to, aadObjectId: aad, conversation: saved } };
  }

  /** The person in the directory (null: nobody by that address), or why it could not be asked. */
  private async lookup(person: Person, deadline: number): Promise<DirectoryPerson | null | Reach> {
    try {
      const found = await this.deps.directory.lookup(
        [{ upn: person.upn, ...(person.email ? { email: person.email } : {}) }],
        deadline,
      );
      return found.get(directoryKey(person.upn)) ?? null;
    } catch (error) {
      if (!(error instanceof DirectoryError)) throw error;
      if (error.permission)
        return {
          kind: "notReached",
          outcome: {
            kind: "notReached",
            state: "consentMissing",
            reason: "consentMissing",
            detail: error.permission,
          },
        };
      return {
        kind: "notReached",
        outcome: {
          kind: "installing",
          ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
          detail: error.message,
        },
      };
    }
  }
}
