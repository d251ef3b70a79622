// The goals of a year, remembered for a few seconds: every check-in card of a round needs the person's
// subjects, which come from the year's goals, and reading 10,000 goals for each of 10,000 sends is what
// held a large round far below Teams' rate limit. Concurrent reads share one request; a write through
// this store forgets what it remembered. A change made elsewhere (another instance's register edit)
// shows in cards after at most `ttlMs`.
import type { Goal, Register } from "@goal-forecast/core/domain/model";
import type { RegisterStore } from "./register.js";

export class CachedGoalsRegister implements RegisterStore {
  private readonly goalsByYear = new Map<string, { at: number; value: Promise<Goal[]> }>();

  constructor(
    private readonly inner: RegisterStore,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  goals(year?: number): Promise<Goal[]> {
    const key = String(year ?? "all");
    const now = this.now();
    const hit = this.goalsByYear.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    const value = this.inner.goals(year);
    this.goalsByYear.set(key, { at: now, value });
    value.catch(() => this.goalsByYear.delete(key));
    return value;
  }

  async load(year?: number): Promise<Register> {
    const [themes, people, goals] = await Promise.all([this.themes(), this.people(), this.goals(year)]);
    return { themes, people, goals };
  }

  themes = () => this.inner.themes();
  goal = (id: string) => this.inner.goal(id);
  people = () => this.inner.people();
  person = (id: string) => this.inner.person(id);
  personByUpn = (upn: string) => this.inner.personByUpn(upn);
  personByAadObjectId = (aadObjectId: string) => this.inner.personByAadObjectId(aadObjectId);
  savePerson = (person: Parameters<RegisterStore["savePerson"]>[0]) => this.inner.savePerson(person);

  async saveGoal(goal: Goal): Promise<void> {
    this.goalsByYear.clear();
    await this.inner.saveGoal(goal);
    this.goalsByYear.clear();
  }

  async saveRegister(register: Partial<Register>): Promise<void> {
    this.goalsByYear.clear();
    await this.inner.saveRegister(register);
    this.goalsByYear.clear();
  }
}
