// The demo register (data/demo) as fault tests use it: its people as Teams users, a new open round of
// 2020 opened through the rounds API, and complete report inputs taken from the demo's June 2020
// reports, so a submit is valid without hand-written fixtures.
import type { Report, Round, Subject } from "@goal-forecast/core/domain/model";
import { recipientsOf, assignmentsOf, subjectsOfRound } from "@goal-forecast/core/domain/subjects";
import type { ReportInput } from "@goal-forecast/core/domain/validation";
import { readDemoData } from "../../bot/src/register/demo.js";
import { StorageAccount } from "../../bot/src/storage/client.js";
import { createStores, type Stores } from "../../bot/src/storage/index.js";
import { TableDeliveryStore } from "../../bot/src/storage/deliveries.js";
import type { ApiAnswer, ApiInit } from "./http.js";
import type { ConnectorUser } from "./teams-connector.js";
import type { TeamsClient } from "./teams-client.js";

export const DEMO = readDemoData();
export const DEMO_ADMIN = "p-tuuli-rantanen";
const DAY = 86_400_000;

/**
 * An open round 2021-2 over some of the demo goals of 2021, to write straight to storage: the demo
 * rounds are all frozen, and tests of live records (drafts, writes) need one that is open.
 */
export function openRound2021(goalIds: string[], overrides: Partial<Round> = {}): Round {
  return {
    id: "2021-2",
    year: 2021,
    number: 2,
    name: { fi: "Ennuste 2/2021" },
    state: "open",
    dueAt: "2099-08-20T12:00:00.000Z",
    goalIds,
    reminderDays: [],
    substitutes: {},
    createdAt: "2021-08-01T08:00:00.000Z",
    createdBy: DEMO_ADMIN,
    ...overrides,
  };
}

/** Anything that answers the API as a person: a ServerProcess or a TestApp. */
export interface ApiServer {
  api(path: string, init?: ApiInit & { as?: string }): Promise<ApiAnswer>;
}

/** Creates round `2020-<number>` over all 2020 goals and opens it (the check-ins are queued). */
export async function openDemoRound(server: ApiServer, number: number): Promise<string> {
  const dueAt = new Date(Date.now() + 20 * DAY).toISOString();
  const created = await server.api("/api/rounds", {
    method: "POST",
    as: DEMO_ADMIN,
    body: { year: 2020, number, dueAt },
  });
  if (created.status !== 201) throw new Error(`round not created: ${JSON.stringify(created.body)}`);
  const id = (created.body as { id: string }).id;
  const opened = await server.api(`/api/rounds/${id}/open`, { method: "POST", as: DEMO_ADMIN });
  if (opened.status !== 200) throw new Error(`round not opened: ${JSON.stringify(opened.body)}`);
  return id;
}

const goals2020 = DEMO.register.goals.filter((g) => g.year === 2020);

/** The subjects of a 2020 round and who gets its check-in. */
export const demoSubjects: Subject[] = subjectsOfRound({ goalIds: goals2020.map((g) => g.id) }, goals2020);
export const demoRecipients: string[] = [
  ...recipientsOf(assignmentsOf({ goalIds: goals2020.map((g) => g.id), substitutes: {} }, goals2020)).keys(),
];

/** A complete report for the subject: what was reported for it in June 2020. */
export function demoInput(subjectId: string): ReportInput {
  const r = DEMO.history.reports.find((x) => x.roundId === "2020-2" && x.subjectId === subjectId) as
    Report | undefined;
  if (!r) throw new Error(`no demo report for ${subjectId}`);
  return {
    milestones: r.milestones,
    progress: r.progress,
    verdict: r.verdict,
    narrative: r.narrative,
    // The old decks often named a risk without its mitigation; a submit needs both.
    risks: r.risks.map((x) => ({ risk: x.risk, mitigation: x.mitigation || "Seurataan kuukausittain." })),
  };
}

/** Installs the app for these demo people (their 1:1 chats with the bot exist at the connector). */
export async function installDemoPeople(
  teams: TeamsClient,
  personIds: string[],
): Promise<Map<string, ConnectorUser>> {
  const users = new Map<string, ConnectorUser>();
  for (const id of personIds) {
    const person = DEMO.register.people.find((p) => p.id === id);
    if (!person) throw new Error(`no demo person ${id}`);
    const user = teams.user({ key: id.slice(2), upn: person.upn, name: person.displayName });
    await teams.install(user);
    users.set(id, user);
  }
  return users;
}

/** Read access to a server's storage from the test, to check what really landed there. */
export function storageOf(env: Record<string, string>): { stores: Stores; deliveries: TableDeliveryStore } {
  const account = new StorageAccount({
    connectionString: env.AZURE_STORAGE_CONNECTION_STRING!,
    prefix: env.STORAGE_PREFIX!,
  });
  return { stores: createStores(account), deliveries: new TableDeliveryStore(account) };
}

/**
 * A third, open round of 2020 copied from the demo's June round (same goals, nothing answered yet):
 * what an owner meets in Teams when the autumn forecast opens.
 */
export async function openAutumnRound2020(
  rounds: Pick<Stores["rounds"], "get" | "create">,
  dueAt: string,
): Promise<Round> {
  const june = await rounds.get("2020-2");
  if (!june) throw new Error("the demo data has no round 2020-2");
  const autumn: Round = {
    ...june,
    id: "2020-3",
    number: 3,
    name: { fi: "Ennuste 3/2020", sv: "Prognos 3/2020", en: "Forecast 3/2020" },
    state: "open",
    dueAt,
    substitutes: {},
  };
  await rounds.create(autumn);
  return autumn;
}
