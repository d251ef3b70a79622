// Loads the demo data transcribed from the seeds (data/demo) when the storage holds nothing yet.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Logger } from "../logging.js";
import type { Stores } from "../storage/index.js";
import {
  historySchema,
  registerSchema,
  type HistoryFile,
  type RegisterFile,
} from "@goal-forecast/core/contract/documents";

/** The repository's data/demo folder, found from this file whether run from source or from dist/. */
export function demoDataDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, "data", "demo");
    if (existsSync(join(candidate, "themes.json"))) return candidate;
    dir = dirname(dir);
  }
  throw new Error("data/demo not found");
}

/**
 * The demo data is split by kind and year so each file stays readable:
 * themes.json, people.json, goals-<year>.json, rounds.json, reports-<round id>.json.
 */
export function readDemoData(dir: string = demoDataDir()): { register: RegisterFile; history: HistoryFile } {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort();
  const read = (f: string): unknown => JSON.parse(readFileSync(join(dir, f), "utf8"));
  const all = (prefix: string): unknown[] =>
    files.filter((f) => f.startsWith(prefix)).flatMap((f) => read(f) as unknown[]);
  const register = registerSchema.parse({
    themes: read("themes.json"),
    people: read("people.json"),
    goals: all("goals-"),
  });
  const history = historySchema.parse({ rounds: read("rounds.json"), reports: all("reports-") });
  return { register, history };
}

/** Seeds the demo data if the register has no goals; returns whether it did. */
export async function seedDemoDataIfEmpty(stores: Stores, logger: Logger): Promise<boolean> {
  const existing = await stores.register.goals();
  if (existing.length > 0) return false;
  const { register, history } = readDemoData();
  await stores.register.saveRegister(register);
  await stores.rounds.upsertMany(history.rounds);
  await stores.reports.upsertMany(history.reports);
  logger.info(
    {
      goals: register.goals.length,
      people: register.people.length,
      rounds: history.rounds.length,
      reports: history.reports.length,
    },
    "demo data loaded from data/demo",
  );
  return true;
}
