// Synthetic rounds for the benchmarks and the tests of large rounds, copied from the demo data so that every goal, project and
// report is one the product really holds: N goals (the demo goals of 2020 copied; a fifth of them
// have four projects) with the June 2020 reports of each, under any round ids.
import type { Goal, Register, Report, Round } from "@goal-forecast/core/domain/model";
import { readDemoData } from "../../bot/src/register/demo.js";

export interface SyntheticRegister {
  /** The demo register with its goals replaced by the copies. */
  register: Register;
  /** The template round (June 2020) the copies' rounds are made from. */
  template: Round;
  /** Reports of every subject for one round, with that round's id. */
  reportsFor(roundId: string): Report[];
}

export interface SyntheticOptions {
  /** Year of the copied goals (default 2020, the templates' own); another keeps them apart from the demo. */
  year?: number;
}

export function syntheticRegister(count: number, options: SyntheticOptions = {}): SyntheticRegister {
  const { register, history } = readDemoData();
  const year = options.year ?? 2020;
  const templates = register.goals.filter((g) => g.year === 2020);
  const june = history.reports.filter((r) => r.roundId === "2020-2");
  const goals: Goal[] = [];
  const pairs: { goalId: string; subjectId: string; template: Report }[] = [];
  for (let i = 0; i < count; i++) {
    const template = templates[i % templates.length]!;
    const id = `${template.id}-${i}`;
    const projects = template.projects.map((p) => ({ ...p, id: `${p.id}-${i}`, goalId: id }));
    goals.push({ ...template, id, year, title: `${template.title} ${i + 1}`, order: i, projects });
    const subjectIds = projects.length > 0 ? template.projects.map((p) => p.id) : [template.id];
    for (const subjectId of subjectIds) {
      pairs.push({
        goalId: id,
        subjectId: projects.length > 0 ? `${subjectId}-${i}` : id,
        template: june.find((r) => r.subjectId === subjectId)!,
      });
    }
  }
  return {
    register: { ...register, goals },
    template: history.rounds.find((r) => r.id === "2020-2")!,
    reportsFor: (roundId) =>
      pairs.map(({ goalId, subjectId, template }) => ({ ...template, roundId, goalId, subjectId })),
  };
}

/** One round of N copied goals with a report for every subject (the export benchmark's and the deck
 * worker test's input). */
export function syntheticRound(
  count: number,
  roundId = "bench",
): { round: Round; register: Register; reports: Report[] } {
  const { register, template, reportsFor } = syntheticRegister(count);
  const round: Round = { ...template, id: roundId, goalIds: register.goals.map((g) => g.id) };
  return { round, register, reports: reportsFor(roundId) };
}
