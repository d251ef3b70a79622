// Who is writing: the Teams user of an activity, linked to the imported register person by AAD object
// id, else by UPN or e-mail from Teams' member lookup (TeamsInfo.getMember). Their 1:1 conversation
// reference is stored so the round machinery can reach them later.
import { TeamsInfo, type ConversationReference, type TurnContext } from "botbuilder";
import type { Language, Person } from "@goal-forecast/core/domain/model";
import { resolveLanguage } from "@goal-forecast/core/i18n";
import type { Logger } from "../logging.js";
import type { ConversationRecord } from "../storage/conversations.js";
import type { Stores } from "../storage/index.js";

export type PeopleStores = Pick<Stores, "register" | "conversations">;

export interface Met {
  /** The register person, when the Teams user is one of them. */
  person?: Person;
  /** The stored (or updated) conversation record; absent outside 1:1 chats or without an AAD id. */
  record?: ConversationRecord;
  lang: Language;
}

interface MemberInfo {
  aadObjectId?: string;
  userPrincipalName?: string;
  email?: string;
  name?: string;
}

/** A 1:1 chat between the bot and one person (the only place the check-in goes). */
function isPersonal(context: TurnContext): boolean {
  const type = context.activity.conversation?.conversationType;
  return type === undefined || type === "personal";
}

function tenantOf(context: TurnContext): string | undefined {
  const a = context.activity;
  const fromChannel = (a.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  return a.conversation?.tenantId ?? (typeof fromChannel === "string" ? fromChannel : undefined);
}

async function lookupMember(context: TurnContext, logger: Logger): Promise<MemberInfo | undefined> {
  try {
    const member = await TeamsInfo.getMember(context, context.activity.from.id);
    return member;
  } catch (error) {
    // No member lookup (emulators, a connector hiccup): linking falls back to the AAD id alone.
    logger.debug({ err: (error as Error).message }, "member lookup failed");
    return undefined;
  }
}

/**
 * Identifies the person behind an activity and keeps their conversation reference current.
 * `lookup: "always"` asks Teams for UPN/e-mail (install, first contact); "ifUnknown" only when the AAD
 * id does not identify a register person yet (every message), so ordinary turns cost no extra request.
 */
export async function meet(
  context: TurnContext,
  stores: PeopleStores,
  logger: Logger,
  lookup: "always" | "ifUnknown" | "never" = "ifUnknown",
  now: Date = new Date(),
): Promise<Met> {
  const activity = context.activity;
  let aad = activity.from?.aadObjectId?.trim().toLowerCase() || undefined;
  const existing = aad ? await stores.conversations.get(aad) : undefined;
  let person =
    (aad ? await stores.register.personByAadObjectId(aad) : undefined) ??
    (existing?.personId ? await stores.register.person(existing.personId) : undefined);

  let member: MemberInfo | undefined;
  if (lookup === "always" || (lookup === "ifUnknown" && (!person || !aad))) {
    member = await lookupMember(context, logger);
    aad ??= member?.aadObjectId?.trim().toLowerCase() || undefined;
  }
  if (!person) {
    for (const address of [member?.userPrincipalName, member?.email, existing?.upn, existing?.email]) {
      if (!address) continue;
      person = await stores.register.personByUpn(address);
      if (person) break;
    }
  }
  if (person && aad && person.aadObjectId?.toLowerCase() !== aad) {
    // Learn the AAD id once: later turns and the sender find the person without a member lookup.
    person = { ...person, aadObjectId: aad };
    await stores.register.savePerson(person);
    logger.info({ personId: person.id }, "linked Teams user to register person");
  }

  const lang = resolveLanguage(person?.language, activity.locale);
  if (!aad || !isPersonal(context)) return { ...(person ? { person } : {}), lang };

  const record: ConversationRecord = {
    aadObjectId: aad,
    userId: activity.from.id,
    conversationId: activity.conversation.id,
    serviceUrl: activity.serviceUrl,
    channelId: activity.channelId,
    botId: activity.recipient?.id ?? existing?.botId ?? "",
    reachable: true,
    updatedAt: now.toISOString(),
  };
  const personId = person?.id ?? existing?.personId;
  if (personId) record.personId = personId;
  const upn = member?.userPrincipalName ?? existing?.upn;
  if (upn) record.upn = upn;
  const email = member?.email ?? existing?.email;
  if (email) record.email = email;
  const name = activity.from.name ?? member?.name ?? existing?.name;
  if (name) record.name = name;
  const tenantId = tenantOf(context) ?? existing?.tenantId;
  if (tenantId) record.tenantId = tenantId;
  const botName = activity.recipient?.name ?? existing?.botName;
  if (botName) record.botName = botName;
  const locale = activity.locale ?? existing?.locale;
  if (locale) record.locale = locale;

  if (!existing || changed(existing, record)) await stores.conversations.save(record);
  return { ...(person ? { person } : {}), record, lang };
}

const COMPARED: (keyof ConversationRecord)[] = [
  "personId",
  "upn",
  "email",
  "name",
  "tenantId",
  "userId",
  "conversationId",
  "serviceUrl",
  "channelId",
  "botId",
  "botName",
  "locale",
  "reachable",
];

function changed(a: ConversationRecord, b: ConversationRecord): boolean {
  return COMPARED.some((k) => a[k] !== b[k]);
}

/** The reference botbuilder continues a conversation with. */
export function referenceOf(record: ConversationRecord): Partial<ConversationReference> {
  return {
    channelId: record.channelId,
    serviceUrl: record.serviceUrl,
    conversation: {
      id: record.conversationId,
      isGroup: false,
      conversationType: "personal",
      name: "",
      ...(record.tenantId ? { tenantId: record.tenantId } : {}),
    },
    user: { id: record.userId, name: record.name ?? "", aadObjectId: record.aadObjectId },
    bot: { id: record.botId, name: record.botName ?? "" },
  };
}
