// A large history in a running server's storage, for the overview and tab benchmarks: N copied demo
// goals (tests/support/synthetic-round.ts) in a year of their own, and R rounds of that year with a report for
// every subject, written through the stores as an import would. The demo data stays as it is.
import type { Round } from "@goal-forecast/core/domain/model";
import type { Stores } from "../../bot/src/storage/index.js";
import { syntheticRegister } from "../../tests/support/synthetic-round.js";

export const BIG_YEAR = 2030;

export interface BigHistory {
  rounds: Round[];
  /** The newest round: what the overview shows. */
  last: Round;
  goals: number;
  /** Subjects (goals without projects, and projects) per round; one report each. */
  subjects: number;
}

export async function writeBigHistory(stores: Stores, goals: number, rounds: number): Promise<BigHistory> {
  const { register, template, reportsFor } = syntheticRegister(goals, { year: BIG_YEAR });
  await stores.register.saveRegister({ goals: register.goals });
  const written: Round[] = [];
  let subjects = 0;
  for (let n = 1; n <= rounds; n++) {
    const round: Round = {
      ...template,
      id: `${BIG_YEAR}-${n}`,
      year: BIG_YEAR,
      number: n,
      name: {
        fi: `Ennuste ${n}/${BIG_YEAR}`,
        sv: `Prognos ${n}/${BIG_YEAR}`,
        en: `Forecast ${n}/${BIG_YEAR}`,
      },
      goalIds: register.goals.map((g) => g.id),
    };
    delete round.version;
    written.push(await stores.rounds.create(round));
    const reports = reportsFor(round.id);
    subjects = reports.length;
    await stores.reports.upsertMany(reports);
  }
  return { rounds: written, last: written.at(-1)!, goals, subjects };
}
