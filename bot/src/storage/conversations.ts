// Where the bot can reach each person in Teams: the 1:1 conversation it learnt on install or on the
// person's first message, keyed by the person's AAD (Entra) object id, with the register person it is
// linked to and whether the person can currently be reached.
// Table "conversations":
//   PK "user",   RK AAD object id (lower case) → ConversationRecord
//   PK "person", RK person id                  → { aadObjectId }   (who is this person in Teams?)
//   PK "upn",    RK UPN or e-mail (lower case) → { aadObjectId }   (a person imported after they met the bot)
//   PK "tenant", RK tenant id                  → { serviceUrl }    (where to create new 1:1 chats)
// Plain data: no botbuilder types here; teams/ turns a record into a ConversationReference.
import type { StorageAccount } from "./client.js";
import { TABLES } from "./client.js";
import { DocumentTable } from "./documents.js";

export type UnreachableCause =
  "uninstalled" | "blockedByUser" | "notInstalled" | "disabledByAdmin" | "conversationNotFound";

export interface ConversationRecord {
  /** The person's Entra object id, as Teams sends it in `from.aadObjectId`. */
  aadObjectId: string;
  /** The register person this Teams user is, once linked (by AAD id, UPN or e-mail). */
  personId?: string;
  /** UPN and e-mail from Teams' member lookup, so a person imported later can still be linked. */
  upn?: string;
  email?: string;
  name?: string;
  tenantId?: string;
  /** Teams user id in this bot's conversations ("29:…"). */
  userId: string;
  conversationId: string;
  serviceUrl: string;
  channelId: string;
  botId: string;
  botName?: string;
  /** Locale of the person's last activity ("fi-fi"): the language fallback when they set none. */
  locale?: string;
  /** False after uninstall or a refused send; true again when the person writes or reinstalls. */
  reachable: boolean;
  unreachableCause?: UnreachableCause;
  updatedAt: string;
}

interface Link {
  aadObjectId: string;
}

interface TenantEntry {
  serviceUrl: string;
  updatedAt: string;
}

export interface ConversationStore {
  get(aadObjectId: string): Promise<ConversationRecord | undefined>;
  /** The record of a register person, via the person link or (for people imported later) their UPN/e-mail. */
  forPerson(person: { id: string; upn: string; email?: string }): Promise<ConversationRecord | undefined>;
  /** Stores or replaces the record and its lookup links. */
  save(record: ConversationRecord): Promise<ConversationRecord>;
  /** Marks a person unreachable (uninstall, blocked) without losing the reference; no-op when unknown. */
  markUnreachable(aadObjectId: string, cause: UnreachableCause, at?: Date): Promise<void>;
  /** The service URL to create 1:1 chats in a tenant with, learnt from any conversation there. */
  serviceUrlOf(tenantId: string): Promise<string | undefined>;
}

const key = (value: string): string => value.trim().toLowerCase();

export class TableConversationStore implements ConversationStore {
  private readonly records: DocumentTable<ConversationRecord>;
  private readonly links: DocumentTable<Link>;
  private readonly tenants: DocumentTable<TenantEntry>;

  constructor(account: StorageAccount) {
    const client = account.table(TABLES.conversations);
    this.records = new DocumentTable(client, "conversation");
    this.links = new DocumentTable(client, "conversation link");
    this.tenants = new DocumentTable(client, "tenant");
  }

  async get(aadObjectId: string): Promise<ConversationRecord | undefined> {
    if (!aadObjectId.trim()) return undefined;
    return (await this.records.get("user", key(aadObjectId)))?.value;
  }

  async forPerson(person: {
    id: string;
    upn: string;
    email?: string;
  }): Promise<ConversationRecord | undefined> {
    const byPerson = await this.links.get("person", person.id);
    if (byPerson) {
      const record = await this.get(byPerson.value.aadObjectId);
      if (record?.personId === person.id) return record;
    }
    for (const address of [person.upn, person.email]) {
      if (!address) continue;
      const link = await this.links.get("upn", key(address));
      if (!link) continue;
      const record = await this.get(link.value.aadObjectId);
      // A record linked to someone else is not this person's, whatever the address says.
      if (record && (record.personId === undefined || record.personId === person.id)) return record;
    }
    return undefined;
  }

  async save(record: ConversationRecord): Promise<ConversationRecord> {
    const aad = key(record.aadObjectId);
    const stored: ConversationRecord = { ...record, aadObjectId: aad };
    const writes: Promise<unknown>[] = [];
    if (record.personId) writes.push(this.links.upsert("person", record.personId, { aadObjectId: aad }));
    for (const address of new Set([record.upn, record.email].filter((a): a is string => !!a).map(key))) {
      writes.push(this.links.upsert("upn", address, { aadObjectId: aad }));
    }
    if (record.tenantId) {
      writes.push(
        this.tenants.upsert("tenant", record.tenantId, {
          serviceUrl: record.serviceUrl,
          updatedAt: record.updatedAt,
        }),
      );
    }
    await Promise.all(writes);
    await this.records.upsert("user", aad, stored, {
      personId: record.personId ?? "",
      reachable: record.reachable,
    });
    return stored;
  }

  async markUnreachable(aadObjectId: string, cause: UnreachableCause, at: Date = new Date()): Promise<void> {
    const current = await this.get(aadObjectId);
    if (!current) return;
    await this.save({ ...current, reachable: false, unreachableCause: cause, updatedAt: at.toISOString() });
  }

  async serviceUrlOf(tenantId: string): Promise<string | undefined> {
    if (!tenantId.trim()) return undefined;
    return (await this.tenants.get("tenant", tenantId))?.value.serviceUrl;
  }
}
