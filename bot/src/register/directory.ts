// Who a register person is in the organisation's directory (Entra ID): the register names people by
// UPN or e-mail, as an HR export gives them; the directory adds their object id (how Teams knows them),
// display name, preferred language (the bot's language before they ever wrote) and, where the register
// leaves it empty, their manager. The import and the person edits call this port; graph/ implements it
// on Microsoft Graph, and without Graph it answers nothing (NO_DIRECTORY).
import type { Language, Person } from "@goal-forecast/core/domain/model";

export interface DirectoryPerson {
  aadObjectId: string;
  upn: string;
  mail?: string;
  displayName: string;
  language?: Language;
  accountEnabled: boolean;
  /** The manager's object id and UPN, when asked for and set. */
  manager?: { aadObjectId: string; upn?: string; mail?: string };
}

export interface DirectoryLookup {
  /** False when no directory is configured: callers skip the lookup altogether. */
  readonly enabled: boolean;
  /**
   * Looks each address up (UPN, else e-mail). The answer has an entry for every address asked:
   * a DirectoryPerson, or null when the directory has nobody by it. `withManager` asks for managers too.
   * Throws when the directory cannot be asked at all (consent missing, down).
   */
  lookup(
    people: readonly { upn: string; email?: string; withManager?: boolean }[],
    /** Epoch ms by which the lookup ends (waits for throttling included); default: the client's own limit. */
    deadline?: number,
  ): Promise<Map<string, DirectoryPerson | null>>;
}

/** The directory could not be asked: consent missing (`permission` names it), throttled or down. */
export class DirectoryError extends Error {
  constructor(
    message: string,
    readonly permission?: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "DirectoryError";
  }
}

export const NO_DIRECTORY: DirectoryLookup = {
  enabled: false,
  lookup: () => Promise.resolve(new Map()),
};

export const directoryKey = (address: string): string => address.trim().toLowerCase();

export interface Resolved {
  people: Person[];
  /** Ids of people the directory has nobody for (reported on their row, still imported). */
  notFound: string[];
  /** Ids of people whose account is disabled (reported; they will not be reached). */
  disabled: string[];
}

/**
 * Fills in what the directory knows and the register does not say: the object id, the language and
 * the manager (when the manager is in the register too). What the register says wins.
 */
export async function resolvePeople(
  directory: DirectoryLookup,
  people: readonly Person[],
  /** Everyone a manager may be: the register after the change. */
  everyone: readonly Person[],
): Promise<Resolved> {
  if (!directory.enabled || people.length === 0) return { people: [...people], notFound: [], disabled: [] };
  const found = await directory.lookup(
    people.map((p) => ({ upn: p.upn, ...(p.email ? { email: p.email } : {}), withManager: !p.managerId })),
  );
  const byAad = new Map(everyone.filter((p) => p.aadObjectId).map((p) => [p.aadObjectId!.toLowerCase(), p]));
  const byAddress = new Map<string, Person>();
  for (const p of everyone) for (const a of [p.upn, p.email]) if (a) byAddress.set(directoryKey(a), p);
  // The people being resolved count as known by their new object ids too (a manager imported with them).
  for (const p of people) {
    const entry = found.get(directoryKey(p.upn));
    if (entry) byAad.set(entry.aadObjectId.toLowerCase(), p);
  }
  const notFound: string[] = [];
  const disabled: string[] = [];
  const resolved = people.map((person) => {
    const entry = found.get(directoryKey(person.upn));
    if (entry === null) notFound.push(person.id);
    if (!entry) return person;
    if (!entry.accountEnabled) disabled.push(person.id);
    const next: Person = { ...person, aadObjectId: entry.aadObjectId.toLowerCase() };
    if (!person.language && entry.language) next.language = entry.language;
    if (!person.managerId && entry.manager) {
      const m = entry.manager;
      const manager =
        byAad.get(m.aadObjectId.toLowerCase()) ??
        [m.upn, m.mail].map((a) => (a ? byAddress.get(directoryKey(a)) : undefined)).find(Boolean);
      if (manager && manager.id !== person.id) next.managerId = manager.id;
    }
    return next;
  });
  return { people: resolved, notFound, disabled };
}
