// Before a round opens, the admin sees who its recipients are in Teams: reachable (the bot has their
// chat), will get the app installed (in Entra ID), not found in Entra ID, or not reachable, and can
// install the app for them ahead of the round. Reading asks Graph only about people without an Entra
// object id (in $batch requests); preparing installs, a few people at a time.
import type { Reachability } from "@goal-forecast/core/contract/rounds";
import { REACH_STATES, type ReachState } from "@goal-forecast/core/domain/delivery";
import type { Language, Person } from "@goal-forecast/core/domain/model";
import { checkinRecipients } from "@goal-forecast/core/domain/recipients";
import { translator } from "@goal-forecast/core/i18n";
import type { Outbox } from "../dispatch/outbox.js";
import { DirectoryError, directoryKey, type DirectoryLookup } from "../register/directory.js";
import type { Stores } from "../storage/index.js";

export interface ReachDeps {
  stores: Pick<Stores, "rounds" | "register" | "conversations">;
  /** Installs ahead; undefined when this instance does not send. */
  outbox?: Pick<Outbox, "prepare">;
  /** Entra ID, when Microsoft Graph is configured. */
  directory?: DirectoryLookup;
}

type Entry = Reachability["people"][number];

/** People prepared at once: each install is three Graph calls, and Graph throttles per app. */
const PREPARE_CONCURRENCY = 4;

export class ReachService {
  constructor(private readonly deps: ReachDeps) {}

  async get(roundId: string, lang: Language): Promise<Reachability | undefined> {
    const recipients = await this.recipients(roundId);
    if (!recipients) return undefined;
    const entries = await this.classify(recipients);
    return summary(roundId, entries, this.graph, lang);
  }

  /** Installs the app for everyone not reachable yet, then answers the reachability. */
  async prepare(roundId: string, lang: Language): Promise<Reachability | undefined> {
    const recipients = await this.recipients(roundId);
    if (!recipients) return undefined;
    const outbox = this.deps.outbox;
    const entries = await this.classify(recipients);
    if (outbox && this.graph) {
      const todo = entries.filter((e) => e.reach === "willInstall" || e.reach === "notInDirectory");
      const byId = new Map(recipients.map((p) => [p.id, p]));
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < todo.length) {
          const entry = todo[next++]!;
          const result = await outbox.prepare(byId.get(entry.personId)!);
          entry.reach = result.reach;
          if (result.detail) entry.detail = result.detail;
          else delete entry.detail;
        }
      };
      await Promise.all(Array.from({ length: Math.min(PREPARE_CONCURRENCY, todo.length) }, worker));
    }
    return summary(roundId, entries, this.graph, lang);
  }

  private get graph(): boolean {
    return this.deps.directory?.enabled ?? false;
  }

  private async recipients(roundId: string): Promise<Person[] | undefined> {
    const { stores } = this.deps;
    const round = await stores.rounds.get(roundId);
    if (!round) return undefined;
    const goals = await stores.register.goals(round.year);
    const ids = checkinRecipients(round, goals);
    const people = await Promise.all(ids.map((id) => stores.register.person(id)));
    return people.filter((p): p is Person => p !== undefined);
  }

  private async classify(people: readonly Person[]): Promise<Entry[]> {
    const entries = await Promise.all(
      people.map(async (person): Promise<Entry> => {
        const record = await this.deps.stores.conversations.forPerson(person);
        const base = { personId: person.id, displayName: person.displayName };
        if (record?.reachable) return { ...base, reach: "reachable" };
        // Removed or blocked by the person: not installed again behind their back.
        if (record && (record.unreachableCause !== "notInstalled" || !this.graph))
          return { ...base, reach: "unreachable" };
        if (!this.graph) return { ...base, reach: "unreachable" };
        return { ...base, reach: person.aadObjectId || record ? "willInstall" : "notInDirectory" };
      }),
    );
    // People without an object id may have joined Entra ID since the import: ask again.
    const unknown = people.filter((p, i) => entries[i]!.reach === "notInDirectory");
    if (unknown.length > 0 && this.deps.directory) {
      try {
        const found = await this.deps.directory.lookup(
          unknown.map((p) => ({ upn: p.upn, ...(p.email ? { email: p.email } : {}) })),
        );
        for (const person of unknown) {
          const entry = entries.find((e) => e.personId === person.id)!;
          const hit = found.get(directoryKey(person.upn));
          if (hit?.accountEnabled) entry.reach = "willInstall";
          else entry.detail = person.upn;
        }
      } catch (error) {
        if (!(error instanceof DirectoryError)) throw error;
        for (const person of unknown) {
          const entry = entries.find((e) => e.personId === person.id)!;
          if (error.permission) {
            entry.reach = "consentMissing";
            entry.detail = error.permission;
          }
        }
      }
    }
    return entries;
  }
}

function summary(roundId: string, people: Entry[], graph: boolean, lang: Language): Reachability {
  const counts = Object.fromEntries(REACH_STATES.map((s) => [s, 0])) as Record<ReachState, number>;
  for (const p of people) counts[p.reach] += 1;
  const t = translator(lang);
  const permission = people.find((p) => p.reach === "consentMissing")?.detail ?? "";
  const parts = REACH_STATES.filter((s) => counts[s] > 0).map((s) =>
    t(`common:reach.${s}`, { count: counts[s], permission }),
  );
  return {
    roundId,
    graph,
    counts,
    people: people.sort((a, b) => a.displayName.localeCompare(b.displayName)),
    message: parts.length > 0 ? parts.join(", ") : t("common:reach.none"),
  };
}
