// The milestones table → the milestones of goals and projects: with it, a subject's milestones are
// exactly its rows there (goals in the goals table without milestone rows get none; stored goals only
// named here get their milestones replaced). A row without an id keeps the id of the stored
// milestone with the same text, so reports of earlier rounds still match.
import { LIMITS } from "@goal-forecast/core/domain/limits";
import type { Goal, Milestone, MilestoneTarget, Project } from "@goal-forecast/core/domain/model";
import { clip, parseNumber, RowReader } from "../cells.js";
import { normalizeHeader } from "../columns.js";
import type { ImportIssue, Table } from "../types.js";
import type { GoalPlaces } from "./goals.js";

export const MILESTONE_COLUMNS: Record<string, string> = {
  id: "milestone_id",
  text: "milestone",
  order: "order",
  label: "label",
  group: "group",
  target: "target_value",
  kind: "target_kind",
  value: "target_value",
  unit: "unit",
};
const TARGET_KINDS: Map<string, MilestoneTarget["kind"]> = new Map([
  ["count", "count"],
  ["kpl", "count"],
  ["lkm", "count"],
  ["lukumäärä", "count"],
  ["määrä", "count"],
  ["antal", "count"],
  ["st", "count"],
  ["number", "count"],
  ["percent", "percent"],
  ["prosentti", "percent"],
  ["procent", "percent"],
  ["percentage", "percent"],
]);

export function mapMilestones(
  table: Table,
  goals: Map<string, Goal>,
  stored: readonly Goal[],
  issues: ImportIssue[],
  places: Pick<GoalPlaces, "goalPlaces" | "milestonePlaces">,
): void {
  const storedGoals = new Map(stored.map((g) => [g.id, g]));
  // Subject key "goal\0subject" → its new milestones, in file order.
  const lists = new Map<
    string,
    { goal: Goal; subject: Goal | Project; items: { m: Milestone; row: number; explicitOrder: boolean }[] }
  >();

  for (const row of table.rows) {
    const r = new RowReader(table, row, issues);
    const goalId = r.id("goal_id", true);
    const projectId = r.id("project_id");
    const givenId = r.id("milestone_id");
    const order = r.integer("order", -1_000_000, 1_000_000);
    const text = r.text("milestone", LIMITS.listItem, true);
    const label = r.text("label", LIMITS.title);
    const group = r.text("group", LIMITS.listItem);
    const unit = r.text("unit", 40);
    const target = readTarget(r);
    if (goalId === undefined || text === undefined) continue;

    // The goal is the one in this file, else the stored one (its milestones alone are replaced).
    let goal = goals.get(goalId);
    if (!goal) {
      const previous = storedGoals.get(goalId);
      if (!previous) {
        r.problem("goal_id", "unknownGoal", { value: goalId });
        continue;
      }
      goal = structuredClone(previous);
      goals.set(goalId, goal);
    }
    let subject: Goal | Project = goal;
    if (projectId !== undefined) {
      const project = goal.projects.find((p) => p.id === projectId);
      if (!project) {
        r.problem("project_id", "unknownSubject", { value: projectId, goal: goalId });
        continue;
      }
      subject = project;
    } else if (goal.projects.length > 0) {
      r.problem("project_id", "milestoneNeedsProject", { goal: goalId });
      continue;
    }
    const key = `${goalId}\u0000${subject.id}`;
    let list = lists.get(key);
    if (!list) {
      list = { goal, subject, items: [] };
      lists.set(key, list);
    }
    if (list.items.length >= LIMITS.milestones) {
      r.problem("milestone", "tooMany", { max: LIMITS.milestones, count: list.items.length + 1 });
      continue;
    }
    const m: Milestone = { id: givenId ?? "", text, order: order ?? list.items.length + 1 };
    if (label !== undefined) m.label = label;
    if (group !== undefined) m.group = group;
    if (target) {
      m.target = target;
      if (unit !== undefined && target.kind === "count") m.target.unit = unit;
    }
    list.items.push({ m, row: row.row, explicitOrder: order !== undefined });
  }

  // Goals in the goals table without milestone rows: none. Stored goals named only here: replaced per subject.
  for (const goal of goals.values()) {
    if (places.goalPlaces.has(goal.id)) {
      goal.milestones = [];
      for (const p of goal.projects) p.milestones = [];
    }
  }

  for (const { goal, subject, items } of lists.values()) {
    const storedSubject = subjectOf(storedGoals.get(goal.id), subject.id);
    const used = new Set(items.map((i) => i.m.id).filter((id) => id !== ""));
    const seen = new Set<string>();
    const milestones: Milestone[] = [];
    for (const item of items) {
      const m = item.m;
      if (m.id === "") {
        // Keep the id of the stored milestone with the same text, so reports of earlier rounds still match.
        const same = storedSubject?.milestones.find((s) => s.text === m.text && !used.has(s.id));
        let id = same?.id ?? `m${m.order}`;
        for (let n = m.order; used.has(id); n++) id = `m${n + 1}`;
        m.id = id;
        used.add(id);
      }
      if (seen.has(m.id)) {
        issues.push({
          severity: "error",
          code: "duplicateMilestone",
          table: table.source,
          row: item.row,
          column: "milestone_id",
          params: { id: m.id },
        });
        continue;
      }
      seen.add(m.id);
      places.milestonePlaces.set(`${goal.id}\u0000${subject.id}\u0000${milestones.length}`, {
        table: table.source,
        row: item.row,
      });
      milestones.push(m);
    }
    subject.milestones = milestones;
  }
}

function subjectOf(goal: Goal | undefined, subjectId: string): Goal | Project | undefined {
  if (!goal) return undefined;
  return goal.id === subjectId ? goal : goal.projects.find((p) => p.id === subjectId);
}

function readTarget(r: RowReader): MilestoneTarget | undefined {
  const kindText = r.cell("target_kind").text.trim();
  const valueCell = r.cell("target_value");
  const hasValue = valueCell.text.trim() !== "";
  if (kindText === "" && !hasValue) return undefined;
  let kind: MilestoneTarget["kind"] | undefined;
  if (kindText !== "") {
    kind = kindText === "%" ? "percent" : TARGET_KINDS.get(normalizeHeader(kindText));
    if (!kind) {
      r.problem("target_kind", "invalidChoice", { value: clip(kindText), choices: "count, percent" });
      return undefined;
    }
  }
  if (!hasValue) {
    r.problem("target_value", "targetValueMissing");
    return undefined;
  }
  const parsed = r.report("target_value", parseNumber(valueCell));
  if (!parsed) return undefined;
  const percentCell = parsed.percentSign || /%/.test(valueCell.text);
  if (!kind) {
    if (!percentCell) {
      r.problem("target_kind", "targetKindMissing");
      return undefined;
    }
    kind = "percent";
  }
  const value = parsed.value;
  if (kind === "percent") {
    if (!(value > 0 && value <= 100)) {
      r.problem("target_value", "percentOutOfRange", { value: clip(valueCell.text) });
      return undefined;
    }
    if (value < 1) r.problem("target_value", "percentLooksLikeFraction", { value }, "warning");
    return { kind, value };
  }
  if (!Number.isInteger(value)) {
    r.problem("target_value", "notAnInteger", { value: clip(valueCell.text) });
    return undefined;
  }
  if (value < 1 || value > LIMITS.countValue) {
    r.problem("target_value", "countOutOfRange", {
      value: clip(valueCell.text),
      min: 1,
      max: LIMITS.countValue,
    });
    return undefined;
  }
  return { kind, value };
}
