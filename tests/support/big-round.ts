// A large round for benchmarks and load tests: N goals copied from the demo goals of 2020 with their
// June reports (a fifth of them have four projects: 1,000 goals = 1,600 subjects).
import type { Goal, Register, Report, Round } from "../../bot/src/domain/model.js";
import { readDemoData } from "../../bot/src/register/demo.js";

export function bigRound(
  count: number,
  roundId = "bench",
): { round: Round; register: Register; reports: Report[] } {
  const { register, history } = readDemoData();
  const templates = register.goals.filter((g) => g.year === 2020);
  const june = history.reports.filter((r) => r.roundId === "2020-2");
  const goals: Goal[] = [];
  const reports: Report[] = [];
  for (let i = 0; i < count; i++) {
    const template = templates[i % templates.length]!;
    const id = `${template.id}-${i}`;
    const projects = template.projects.map((p) => ({ ...p, id: `${p.id}-${i}`, goalId: id }));
    goals.push({ ...template, id, title: `${template.title} ${i + 1}`, order: i, projects });
    const subjectIds = projects.length > 0 ? template.projects.map((p) => p.id) : [template.id];
    for (const subjectId of subjectIds) {
      const report = june.find((r) => r.subjectId === subjectId)!;
      reports.push({
        ...report,
        roundId,
        goalId: id,
        subjectId: projects.length > 0 ? `${subjectId}-${i}` : id,
      });
    }
  }
  const round: Round = {
    ...history.rounds.find((r) => r.id === "2020-2")!,
    id: roundId,
    goalIds: goals.map((g) => g.id),
  };
  return { round, register: { ...register, goals }, reports };
}
