// A turn never holds Teams' request: when the activity's serviceUrl refuses connections or never
// answers, POST /api/messages still answers within a few seconds (the turn's calls share a budget,
// teams/adapter.ts), the process stays up, and the next message from a working service URL is
// answered as usual. Found by an outside fuzzer: `help` with the service URL on a closed loopback
// port kept the answer waiting 15 s, Teams' whole invoke budget.
import assert from "node:assert/strict";
import { createServer, type Server, type Socket } from "node:net";
import { TEAMS_TURN_BUDGET_MS } from "../../../bot/src/teams/adapter.js";
import { freePort } from "../../../scripts/lib/azurite.js";
import { startTestApp, type TestApp } from "../../support/app.js";
import { goals, people, round, themes } from "../../support/fixtures.js";
import {
  startTeamsConnector,
  type ConnectorUser,
  type TeamsConnector,
} from "../../support/teams-connector.js";
import { TeamsClient, cardOf, textOf } from "../../support/teams-client.js";

/** The budget plus a second for the turn's own storage work and the answer. */
const ANSWER_WITHIN_MS = TEAMS_TURN_BUDGET_MS + 1000;

describe("bot endpoint: a service URL that refuses or never answers", () => {
  let app: TestApp;
  let connector: TeamsConnector;
  let teams: TeamsClient;
  let owner: ConnectorUser;
  let silent: Server;
  const sockets = new Set<Socket>();

  before(async () => {
    connector = await startTeamsConnector();
    app = await startTestApp({ SEED_DEMO_DATA: "false" });
    await app.stores.register.saveRegister({ themes, people, goals });
    await app.stores.rounds.create(round());
    teams = new TeamsClient(app.url, connector);
    owner = teams.user({ key: "owner", upn: "owner@example.org", name: "Olga Owner" });
    // Accepts connections and never says a word.
    silent = createServer((socket) => {
      sockets.add(socket);
      socket.on("error", () => {});
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  });

  after(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent?.close(resolve));
    await app?.close();
    await connector?.stop();
  });

  async function timedHelp(serviceUrl: string): Promise<{ status: number; ms: number }> {
    const started = Date.now();
    const res = await teams.post(teams.activity(owner, { type: "message", text: "help", serviceUrl }));
    return { status: res.status, ms: Date.now() - started };
  }

  it("answers `help` at once when the service URL's port is closed", async () => {
    const closed = await freePort(); // free: nothing listens there
    const { status, ms } = await timedHelp(`http://127.0.0.1:${closed}/`);
    assert.equal(status, 200);
    assert.ok(ms < ANSWER_WITHIN_MS, `answered after ${ms} ms`);
  });

  it("answers `help` within the turn's budget when the service URL never answers", async function () {
    this.timeout(20_000);
    const address = silent.address();
    assert.ok(address && typeof address === "object");
    const { status, ms } = await timedHelp(`http://127.0.0.1:${address.port}/`);
    assert.equal(status, 200);
    assert.ok(ms < ANSWER_WITHIN_MS, `answered after ${ms} ms`);
  });

  it("still answers the next person whose service URL works", async () => {
    const answer = await teams.say(owner, "help");
    assert.equal(answer.status, 200);
    assert.equal(answer.replies.length, 1);
    assert.match(textOf(cardOf(answer.replies[0])), /Tavoite-ennuste/);
    assert.equal((await app.api("/api/health")).status, 200);
  });
});
