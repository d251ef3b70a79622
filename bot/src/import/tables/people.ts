// The people table (person_id, upn, email, display_name, language, roles, manager) → people: a
// person is matched by UPN (or e-mail) and updated, or added; nobody is removed. Managers are
// resolved once the whole table is read, so a manager's row may come after their reports'.
import { LIMITS } from "@goal-forecast/core/domain/limits";
import {
  LANGUAGES,
  type Language,
  type OrgRole,
  type Person,
  type Register,
} from "@goal-forecast/core/domain/model";
import { resources } from "@goal-forecast/core/i18n";
import { clip, EMAIL_PATTERN, RowReader, splitList } from "../cells.js";
import { normalizeHeader } from "../columns.js";
import type { RowPlace } from "../locate.js";
import type { ImportIssue, Table } from "../types.js";

export const PERSON_COLUMNS: Record<string, string> = {
  id: "person_id",
  upn: "upn",
  email: "email",
  displayName: "display_name",
  language: "language",
  roles: "roles",
  managerId: "manager",
};
const LANGUAGE_WORDS: Map<string, Language> = (() => {
  const words = new Map<string, Language>();
  for (const lang of LANGUAGES) {
    words.set(lang, lang);
    for (const ui of LANGUAGES) words.set(normalizeHeader(resources[ui].common.language[lang]), lang);
  }
  words.set("suomi", "fi");
  words.set("svenska", "sv");
  words.set("english", "en");
  return words;
})();

const ROLE_WORDS: Map<string, OrgRole> = (() => {
  const words = new Map<string, OrgRole>();
  for (const role of ["admin", "manager"] as const) {
    words.set(role, role);
    for (const ui of LANGUAGES) words.set(normalizeHeader(resources[ui].common.role[role]), role);
  }
  return words;
})();

export function mapPeople(
  table: Table | undefined,
  stored: Register,
  issues: ImportIssue[],
  places: Map<string, RowPlace>,
): Person[] {
  if (!table) return [];
  const storedByAddress = addressIndex(stored.people);
  const usedIds = new Set(stored.people.map((p) => p.id));
  const upnsInFile = new Map<string, number>();
  const out: { person: Person; reader: RowReader; manager?: string }[] = [];

  for (const row of table.rows) {
    const r = new RowReader(table, row, issues);
    const upn = email(r, "upn", true);
    const displayName = r.text("display_name", LIMITS.title, true);
    const mail = email(r, "email");
    let language: Language | undefined;
    if (!r.blank("language")) {
      language = LANGUAGE_WORDS.get(normalizeHeader(r.cell("language").text));
      if (!language)
        r.problem("language", "invalidChoice", {
          value: clip(r.cell("language").text),
          choices: "fi, sv, en",
        });
    }
    let roles: OrgRole[] | undefined;
    if (r.has("roles")) {
      roles = [];
      for (const word of splitList(r.cell("roles").text, "lines;,")) {
        const role = ROLE_WORDS.get(normalizeHeader(word));
        if (!role) r.problem("roles", "invalidChoice", { value: clip(word), choices: "admin, manager" });
        else if (!roles.includes(role)) roles.push(role);
      }
    }
    const givenId = r.id("person_id");
    const manager = r.text("manager", 256);
    if (upn === undefined || displayName === undefined) continue;

    const upnKey = upn.toLowerCase();
    const firstRow = upnsInFile.get(upnKey);
    if (firstRow !== undefined) {
      r.problem("upn", "duplicatePerson", { id: upn, other: firstRow });
      continue;
    }
    upnsInFile.set(upnKey, row.row);

    const previous =
      (givenId !== undefined ? stored.people.find((p) => p.id === givenId) : undefined) ??
      storedByAddress.get(upnKey) ??
      (mail ? storedByAddress.get(mail.toLowerCase()) : undefined);
    const id = givenId ?? previous?.id ?? newPersonId(upn, usedIds);
    usedIds.add(id);
    if (places.has(id)) {
      r.problem("person_id", "duplicatePerson", { id, other: places.get(id)!.row });
      continue;
    }
    places.set(id, { table: table.source, row: row.row });

    const person: Person = { ...(previous ?? {}), id, upn, displayName } as Person;
    if (r.has("email")) {
      if (mail) person.email = mail;
      else delete person.email;
    }
    if (r.has("language")) {
      if (language) person.language = language;
      else delete person.language;
    }
    if (roles !== undefined) {
      if (roles.length > 0) person.roles = roles;
      else delete person.roles;
    }
    out.push({ person, reader: r, ...(manager !== undefined ? { manager } : {}) });
  }

  // Managers may be anywhere in the table (or already stored): resolve once everyone is known.
  const index = addressIndex([...stored.people, ...out.map((o) => o.person)]);
  for (const { person, reader, manager } of out) {
    if (!reader.has("manager")) continue;
    if (manager === undefined) {
      delete person.managerId;
      continue;
    }
    const found = index.get(manager.toLowerCase());
    if (!found) reader.problem("manager", "unknownManager", { value: clip(manager) });
    else if (found.id === person.id) reader.problem("manager", "managerSelf");
    else person.managerId = found.id;
  }
  return out.map((o) => o.person);
}

function email(r: RowReader, column: string, required = false): string | undefined {
  const value = r.text(column, 256, required);
  if (value === undefined) return undefined;
  const address = value.replace(/^mailto:/i, "");
  if (!EMAIL_PATTERN.test(address)) {
    r.problem(column, "invalidEmail", { value: clip(address) });
    return undefined;
  }
  return address;
}

/** Person ids, UPNs and e-mail addresses (lower case) → person. */
export function addressIndex(people: readonly Person[]): Map<string, Person> {
  const index = new Map<string, Person>();
  for (const p of people) {
    index.set(p.id.toLowerCase(), p);
    if (p.email) index.set(p.email.toLowerCase(), p);
    index.set(p.upn.toLowerCase(), p);
  }
  return index;
}

/** A readable, stable id for a new person: "p-" and the UPN's local part ("p-aino-aaltonen"). */
export function newPersonId(upn: string, used: Set<string>): string {
  const local = upn.split("@")[0] ?? upn;
  const slug =
    local
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 100) || "person";
  let id = `p-${slug}`;
  for (let n = 2; used.has(id); n++) id = `p-${slug}-${n}`;
  return id;
}
