// Rounds. Table "rounds": PK "round", RK the round id ("2020-2"). Few rows; read whole.
import type { Round } from "@goal-forecast/core/domain/model";
import type { StorageAccount } from "./client.js";
import { TABLES } from "./client.js";
import { DocumentTable } from "./documents.js";

export interface RoundStore {
  list(): Promise<Round[]>;
  get(id: string): Promise<Round | undefined>;
  /** ConflictError when a round with this id exists. */
  create(round: Round): Promise<Round>;
  /** Replaces the round if `round.version` is still current; ConflictError otherwise. */
  update(round: Round): Promise<Round>;
  /** Writes rounds whatever is stored (import of history). */
  upsertMany(rounds: Round[]): Promise<void>;
}

export class TableRoundStore implements RoundStore {
  private readonly table: DocumentTable<Round>;

  constructor(account: StorageAccount) {
    this.table = new DocumentTable(account.table(TABLES.rounds), "round");
  }

  async list(): Promise<Round[]> {
    const docs = await this.table.list("round");
    return docs
      .map((d) => ({ ...d.value, version: d.version }))
      .sort((a, b) => a.year - b.year || a.number - b.number);
  }

  async get(id: string): Promise<Round | undefined> {
    const doc = await this.table.get("round", id);
    return doc && { ...doc.value, version: doc.version };
  }

  async create(round: Round): Promise<Round> {
    const { version: _, ...value } = round;
    const version = await this.table.create("round", round.id, value, {
      state: round.state,
      year: round.year,
    });
    return { ...value, version };
  }

  async update(round: Round): Promise<Round> {
    const { version: expected, ...value } = round;
    if (!expected) throw new Error("round update needs the version it was read at");
    const version = await this.table.replace("round", round.id, value, expected, {
      state: round.state,
      year: round.year,
    });
    return { ...value, version };
  }

  async upsertMany(rounds: Round[]): Promise<void> {
    await this.table.upsertMany(
      "round",
      rounds.map(({ version: _, ...value }) => ({
        rk: value.id,
        value,
        columns: { state: value.state, year: value.year },
      })),
    );
  }
}
