// The world of the card-action tests: a server with the small fixture register and its open round
// 2026-1, Teams played by the local connector, the goal's owner and someone with no part in it, and
// the owner's draft of g-digi already stored (so a bad payload has something to spoil).
import assert from "node:assert/strict";
import { saveReport } from "../../bot/src/reporting/save.js";
import { startTestApp, type TestApp } from "./app.js";
import { goals, people, round, themes } from "./fixtures.js";
import { TeamsClient } from "./teams-client.js";
import { startTeamsConnector, type ConnectorUser, type TeamsConnector } from "./teams-connector.js";

export interface DraftWorld {
  app: TestApp;
  connector: TeamsConnector;
  teams: TeamsClient;
  owner: ConnectorUser;
  outsider: ConnectorUser;
  close(): Promise<void>;
}

export async function startDraftWorld(env: Record<string, string> = {}): Promise<DraftWorld> {
  const connector = await startTeamsConnector();
  const app = await startTestApp({ SEED_DEMO_DATA: "false", ...env });
  await app.stores.register.saveRegister({ themes, people, goals });
  await app.stores.rounds.create(round());
  const teams = new TeamsClient(app.url, connector);
  const owner = teams.user({ key: "owner", upn: "owner@example.org", name: "Olga Owner" });
  const outsider = teams.user({ key: "other", upn: "other@example.org", name: "Outi Outsider" });
  const saved = await saveReport(app.stores, {
    roundId: "2026-1",
    subjectId: "g-digi",
    personId: "p-owner",
    action: "draft",
    input: { narrative: "Luonnos", progress: 30 },
  });
  assert.equal(saved.kind, "saved");
  return {
    app,
    connector,
    teams,
    owner,
    outsider,
    async close() {
      await app.close();
      await connector.stop();
    },
  };
}
