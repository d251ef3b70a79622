// kill -9 of the real server while it installs the app for people it has not met (local Graph, local
// Teams connector), then a restart on the same storage: nobody gets the app installed twice or two
// check-ins; the sends in flight at the kill are reported in doubt, everyone else is reached.
import assert from "node:assert/strict";
import { CHECKIN_BATCH } from "../../bot/src/dispatch/schedule.js";
import { DEMO, demoRecipients, openDemoRound, storageOf } from "../support/demo-round.js";
import { CATALOG_APP, startLocalGraph, type GraphUser, type LocalGraph } from "../support/graph-server.js";
import { FAST_DISPATCH_ENV, until } from "../support/rounds.js";
import { ServerProcess } from "../support/server-process.js";
import { cardOf, TeamsClient, TENANT_ID, textOf } from "../support/teams-client.js";
import { startTeamsConnector, type RecordedCall, type TeamsConnector } from "../support/teams-connector.js";

describe("faults: kill -9 while installing the app through Graph", function () {
  this.timeout(300_000); // a bound for a busy machine, not an expectation
  let server: ServerProcess | undefined;
  let connector: TeamsConnector | undefined;
  let graph: LocalGraph | undefined;

  afterEach(async function () {
    if (this.currentTest?.state === "failed" && server) console.error(server.logTail());
    await server?.stop();
    await graph?.idle();
    await graph?.stop();
    await connector?.stop();
    server = connector = graph = undefined;
  });

  it("installs each person once and sends each one check-in at most, across the restart", async () => {
    connector = await startTeamsConnector();
    graph = await startLocalGraph();
    // Nobody of the demo register has met the bot; all are in Entra ID.
    const users = new Map<string, GraphUser>();
    for (const id of demoRecipients) {
      const person = DEMO.register.people.find((p) => p.id === id)!;
      users.set(id, graph.addUser({ userPrincipalName: person.upn, displayName: person.displayName }));
    }
    server = await ServerProcess.start({
      ...FAST_DISPATCH_ENV,
      BOT_TENANT_ID: TENANT_ID,
      TEAMS_SERVICE_URL: connector.url,
      GRAPH_ENABLED: "true",
      GRAPH_ENDPOINT: graph.url,
      TEAMS_APP_ID: CATALOG_APP.externalId,
      DISPATCH_WORKERS: "2",
      DISPATCH_VISIBILITY_SECONDS: "5",
    });
    graph.deliverInstallsTo(new TeamsClient(server.url, connector));
    // Graph takes its time answering installs: there is always one in flight when the server dies.
    graph.respondAfter(1000);
    const roundId = await openDemoRound(server, 3);
    await until(() => graph!.stats.installs >= 3, "three installs", 120_000);
    await server.kill();
    assert.ok(graph.stats.installs < demoRecipients.length, "the kill came mid-dispatch");

    await server.restart();
    graph.deliverInstallsTo(new TeamsClient(server.url, connector));
    const { deliveries } = storageOf(server.env);
    const rows = await until(
      async () => {
        const list = await deliveries.list(roundId, CHECKIN_BATCH);
        return list.length === demoRecipients.length &&
          list.every((r) => !["queued", "installing", "sending"].includes(r.state))
          ? new Map(list.map((r) => [r.personId, r]))
          : undefined;
      },
      "every check-in to settle after the restart",
      180_000,
    );

    let inDoubt = 0;
    for (const personId of demoRecipients) {
      const user = users.get(personId)!;
      const installs = graph.calls.filter(
        (c) =>
          c.method === "POST" && c.url === `/users/${user.id}/teamwork/installedApps` && c.status === 201,
      );
      assert.ok(installs.length <= 1, `${personId}: installed ${installs.length} times`);
      const chat = graph.chatIdOf(user);
      // botbuilder posts into a continued conversation as a reply to the turn's activity.
      const posts: RecordedCall[] = [
        ...connector.callsOf("send", chat),
        ...connector.callsOf("reply", chat),
      ].filter((c) => c.status < 300 && isCheckin(c.body));
      assert.ok(posts.length <= 1, `${personId} got ${posts.length} check-ins`);
      const row = rows.get(personId)!;
      if (row.state === "inDoubt") {
        inDoubt += 1;
        continue;
      }
      assert.equal(row.state, "sent", `${personId}: ${row.state}/${row.reason ?? ""}`);
      assert.equal(posts.length, 1, `${personId} has one check-in at Teams`);
    }
    assert.ok(inDoubt <= 2, `at most the 2 in-flight sends are in doubt, not ${inDoubt}`);
  });
});

/** The round's check-in (it names the round), not the welcome the install brings. */
function isCheckin(body: unknown): boolean {
  return textOf(cardOf(body)).includes("3/2020");
}
