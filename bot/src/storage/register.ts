// The goal register: themes, goals (with their projects and milestones) and people.
// Table "register": PK "theme" | "goal" | "person" | "upn" | "aad", RK the id (or the lookup value).
import type { Goal, Person, Register, Theme } from "@goal-forecast/core/domain/model";
import type { StorageAccount } from "./client.js";
import { TABLES } from "./client.js";
import { DocumentTable } from "./documents.js";

export interface RegisterStore {
  themes(): Promise<Theme[]>;
  goals(year?: number): Promise<Goal[]>;
  goal(id: string): Promise<Goal | undefined>;
  people(): Promise<Person[]>;
  person(id: string): Promise<Person | undefined>;
  personByUpn(upn: string): Promise<Person | undefined>;
  personByAadObjectId(aadObjectId: string): Promise<Person | undefined>;
  saveGoal(goal: Goal): Promise<void>;
  savePerson(person: Person): Promise<void>;
  /** Writes a whole register (import): themes, people and goals, each partition in atomic batches. */
  saveRegister(register: Partial<Register>): Promise<void>;
  /** Everything at once, for the many reads that need goals, people and themes together. */
  load(year?: number): Promise<Register>;
}

interface PersonLink {
  personId: string;
}

export class TableRegisterStore implements RegisterStore {
  private readonly themesTable: DocumentTable<Theme>;
  private readonly goalsTable: DocumentTable<Goal>;
  private readonly peopleTable: DocumentTable<Person>;
  private readonly links: DocumentTable<PersonLink>;

  constructor(account: StorageAccount) {
    const client = account.table(TABLES.register);
    this.themesTable = new DocumentTable(client, "theme");
    this.goalsTable = new DocumentTable(client, "goal");
    this.peopleTable = new DocumentTable(client, "person");
    this.links = new DocumentTable(client, "person link");
  }

  async themes(): Promise<Theme[]> {
    return (await this.themesTable.list("theme")).map((d) => d.value).sort((a, b) => a.order - b.order);
  }

  async goals(year?: number): Promise<Goal[]> {
    const docs = await this.goalsTable.list(
      "goal",
      year === undefined ? undefined : `year eq ${Math.trunc(year)}`,
    );
    return docs
      .map((d) => d.value)
      .sort((a, b) => a.year - b.year || a.order - b.order || a.id.localeCompare(b.id));
  }

  async goal(id: string): Promise<Goal | undefined> {
    return (await this.goalsTable.get("goal", id))?.value;
  }

  async people(): Promise<Person[]> {
    return (await this.peopleTable.list("person")).map((d) => d.value);
  }

  async person(id: string): Promise<Person | undefined> {
    return (await this.peopleTable.get("person", id))?.value;
  }

  async personByUpn(upn: string): Promise<Person | undefined> {
    return this.viaLink("upn", upn.trim().toLowerCase(), (p) =>
      [p.upn, p.email].some((v) => v?.toLowerCase() === upn.trim().toLowerCase()),
    );
  }

  async personByAadObjectId(aadObjectId: string): Promise<Person | undefined> {
    return this.viaLink(
      "aad",
      aadObjectId.toLowerCase(),
      (p) => p.aadObjectId?.toLowerCase() === aadObjectId.toLowerCase(),
    );
  }

  async saveGoal(goal: Goal): Promise<void> {
    await this.goalsTable.upsert("goal", goal.id, goal, { year: goal.year });
  }

  async savePerson(person: Person): Promise<void> {
    // Lookup links first: a link to a person not yet written is harmless (lookups verify the record).
    await Promise.all(
      this.linksOf(person).map(([pk, rk]) => this.links.upsert(pk, rk, { personId: person.id })),
    );
    await this.peopleTable.upsert("person", person.id, person);
  }

  async saveRegister(register: Partial<Register>): Promise<void> {
    if (register.themes)
      await this.themesTable.upsertMany(
        "theme",
        register.themes.map((t) => ({ rk: t.id, value: t })),
      );
    if (register.people) {
      for (const pk of ["upn", "aad"] as const) {
        const links = register.people.flatMap((p) =>
          this.linksOf(p)
            .filter(([k]) => k === pk)
            .map(([, rk]) => ({ rk, value: { personId: p.id } })),
        );
        await this.links.upsertMany(pk, dedupe(links));
      }
      await this.peopleTable.upsertMany(
        "person",
        register.people.map((p) => ({ rk: p.id, value: p })),
      );
    }
    if (register.goals) {
      await this.goalsTable.upsertMany(
        "goal",
        register.goals.map((g) => ({ rk: g.id, value: g, columns: { year: g.year } })),
      );
    }
  }

  async load(year?: number): Promise<Register> {
    const [themes, people, goals] = await Promise.all([this.themes(), this.people(), this.goals(year)]);
    return { themes, people, goals };
  }

  private linksOf(person: Person): [string, string][] {
    const links: [string, string][] = [["upn", person.upn.toLowerCase()]];
    if (person.email && person.email.toLowerCase() !== person.upn.toLowerCase())
      links.push(["upn", person.email.toLowerCase()]);
    if (person.aadObjectId) links.push(["aad", person.aadObjectId.toLowerCase()]);
    return links;
  }

  private async viaLink(
    pk: string,
    rk: string,
    matches: (p: Person) => boolean,
  ): Promise<Person | undefined> {
    if (!rk) return undefined;
    const link = await this.links.get(pk, rk);
    if (!link) return undefined;
    const person = await this.person(link.value.personId);
    return person && matches(person) ? person : undefined;
  }
}

function dedupe<T extends { rk: string }>(items: T[]): T[] {
  return [...new Map(items.map((i) => [i.rk, i])).values()];
}
