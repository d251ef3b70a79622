// A tenant whose people have never met the bot: the real server on Azurite, the local Teams connector
// and the local Graph, which installs the app and tells the bot as Teams would. People are imported by
// UPN only, as an HR export names them.
import assert from "node:assert/strict";
import type { Language, Round } from "@goal-forecast/core/domain/model";
import { CHECKIN_BATCH } from "../../../bot/src/dispatch/schedule.js";
import type { Delivery } from "../../../bot/src/storage/deliveries.js";
import { startTestApp, type TestApp } from "../../support/app.js";
import { people as fixturePeople, themes } from "../../support/fixtures.js";
import { CATALOG_APP, startLocalGraph, type GraphUser, type LocalGraph } from "../../support/graph-server.js";
import { csv, multipart } from "../../support/import-files.js";
import { FAST_DISPATCH_ENV, until } from "../../support/rounds.js";
import { cardOf, TeamsClient, TENANT_ID, textOf } from "../../support/teams-client.js";
import { startTeamsConnector, type TeamsConnector } from "../../support/teams-connector.js";

const DAY = 86_400_000;
export const LOCALES: Record<Language, string> = { fi: "fi-FI", sv: "sv-SE", en: "en-US" };
export const future = (days: number): string => new Date(Date.now() + days * DAY).toISOString();

export interface ImportAnswer {
  status: number;
  body: {
    imported?: Record<string, number>;
    warnings?: { code: string; message: string; row?: number; table?: string; column?: string }[];
    error?: unknown;
  };
}

export class GraphWorld {
  app!: TestApp;
  connector!: TeamsConnector;
  graph!: LocalGraph;
  teams!: TeamsClient;
  /** The directory's people, by UPN. */
  readonly users = new Map<string, GraphUser>();

  async start(env: Record<string, string> = {}): Promise<this> {
    this.connector = await startTeamsConnector();
    this.graph = await startLocalGraph();
    this.app = await startTestApp({
      SEED_DEMO_DATA: "false",
      BOT_TENANT_ID: TENANT_ID,
      TEAMS_SERVICE_URL: this.connector.url,
      GRAPH_ENABLED: "true",
      GRAPH_ENDPOINT: this.graph.url,
      TEAMS_APP_ID: CATALOG_APP.externalId,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "warn",
      ...FAST_DISPATCH_ENV,
      ...env,
    });
    // Only the admin is in the register before the import.
    await this.app.stores.register.saveRegister({
      themes,
      people: fixturePeople.filter((p) => p.id === "p-admin"),
      goals: [],
    });
    this.teams = new TeamsClient(this.app.url, this.connector);
    this.graph.deliverInstallsTo(this.teams);
    return this;
  }

  /** `count` people in Entra ID, languages in turn fi, sv, en; the first is everyone's manager. */
  directory(count: number): GraphUser[] {
    const languages: Language[] = ["fi", "sv", "en"];
    const made: GraphUser[] = [];
    for (let i = 0; i < count; i++) {
      const n = String(i + 1).padStart(2, "0");
      const user = this.graph.addUser({
        userPrincipalName: `person${n}@contoso.example`,
        displayName: `Person ${n}`,
        mail: `person.${n}@contoso.example`,
        preferredLanguage: LOCALES[languages[i % 3]!],
        ...(made[0] ? { managerId: made[0].id } : {}),
      });
      this.users.set(user.userPrincipalName, user);
      made.push(user);
    }
    return made;
  }

  /** Imports people by UPN and display name only, each owning one goal of 2026. */
  async importPeople(upns: string[]): Promise<ImportAnswer> {
    const name = (upn: string): string => this.users.get(upn)?.displayName ?? upn.split("@")[0]!;
    const files = await multipart({
      "people.csv": csv([["upn", "display_name"], ...upns.map((u) => [u, name(u)])]),
      "goals.csv": csv([
        ["year", "goal_id", "theme", "title", "text", "owners"],
        ...upns.map((u, i) => [2026, `g-${i + 1}`, "toimivin", `Tavoite ${i + 1}`, "Teksti", u]),
      ]),
    });
    const token = await this.app.tokenFor("p-admin");
    const res = await fetch(`${this.app.url}/api/admin/import/register`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": files.contentType },
      body: files.bytes,
    });
    return { status: res.status, body: (await res.json()) as ImportAnswer["body"] };
  }

  async openRound(): Promise<Round> {
    const created = await this.app.api("/api/rounds", {
      method: "POST",
      as: "p-admin",
      body: { year: 2026, number: 1, dueAt: future(20) },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const round = created.body as Round;
    const opened = await this.app.api(`/api/rounds/${round.id}/open`, { method: "POST", as: "p-admin" });
    assert.equal(opened.status, 200, JSON.stringify(opened.body));
    return round;
  }

  async rows(roundId: string): Promise<Map<string, Delivery>> {
    return new Map(
      (await this.app.rounds.deliveries.list(roundId, CHECKIN_BATCH)).map((r) => [r.personId, r]),
    );
  }

  /** Waits until `count` check-ins have left queued, installing and sending. */
  async settled(roundId: string, count: number, timeoutMs = 60_000): Promise<Map<string, Delivery>> {
    return until(
      async () => {
        const rows = await this.rows(roundId);
        const values = [...rows.values()];
        return values.length === count &&
          values.every((r) => !["queued", "installing", "sending"].includes(r.state))
          ? rows
          : undefined;
      },
      `${count} check-ins of ${roundId} to settle`,
      timeoutMs,
    ).catch(async (error: unknown) => {
      const states = [...(await this.rows(roundId)).values()].map((r) => `${r.state}/${r.reason ?? ""}`);
      throw new Error(`${(error as Error).message}; rows: ${states.join(", ")}`);
    });
  }

  /** The check-in cards (not the welcome) the user's 1:1 chat received. */
  checkinsOf(user: GraphUser): unknown[] {
    const chat = this.graph.chatIdOf(user);
    return (
      this.connector
        .callsOf("send", chat)
        .concat(this.connector.callsOf("reply", chat))
        .filter((c) => c.status < 300)
        .map((c) => cardOf(c.body))
        // A check-in lists the person's goals (every title starts "Tavoite"); the welcome does not.
        .filter((card) => card !== undefined && textOf(card).includes("Tavoite "))
    );
  }

  async stop(): Promise<void> {
    await this.graph?.idle();
    await this.app?.close();
    await this.graph?.stop();
    await this.connector?.stop();
  }
}
