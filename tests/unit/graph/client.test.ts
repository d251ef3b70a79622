// The Graph client against the local Graph: $batch in groups of 20, Retry-After honoured, a refused
// permission named, a missing user an answer rather than an error.
import assert from "node:assert/strict";
import { GraphClient, GraphConsentError, GraphThrottledError } from "../../../bot/src/graph/client.js";
import { GraphDirectory } from "../../../bot/src/graph/directory.js";
import { DirectoryError } from "../../../bot/src/register/directory.js";
import { startLocalGraph, type LocalGraph } from "../../support/graph-server.js";
import { quietLogger } from "../../support/rounds.js";

describe("Graph client (bot/src/graph)", () => {
  let graph: LocalGraph;
  let client: GraphClient;

  beforeEach(async () => {
    graph = await startLocalGraph();
    client = new GraphClient({ endpoint: graph.url, logger: quietLogger() });
  });

  afterEach(async () => {
    await graph.stop();
  });

  const user = (upn: string) => ({
    method: "GET" as const,
    url: `/users/${encodeURIComponent(upn)}?$select=id,preferredLanguage`,
    permission: "User.Read.All" as const,
  });

  it("sends 45 lookups as three $batch requests of at most 20, answers in the order asked", async () => {
    const upns = Array.from(
      { length: 45 },
      (_, i) =>
        graph.addUser({ userPrincipalName: `u${i}@x.example`, displayName: `U ${i}` }).userPrincipalName,
    );
    upns[7] = "nobody@x.example";
    const answers = await client.batch<{ id: string }>(upns.map(user));
    assert.equal(graph.calls.filter((c) => c.url === "/$batch").length, 3);
    assert.equal(answers.length, 45);
    assert.equal(answers[7]!.status, 404);
    assert.equal(answers[8]!.body?.id, [...graph.users.values()][8]!.id);
  });

  it("waits the Retry-After of a 429 before asking again, and gives up with a typed error past its deadline", async () => {
    graph.addUser({ id: "a1", userPrincipalName: "a@x.example", displayName: "A" });
    graph.throttleNext(1, 1);
    const started = Date.now();
    const answer = await client.call(user("a@x.example"));
    assert.equal(answer.status, 200);
    assert.ok(Date.now() - started >= 950, `answered after ${Date.now() - started} ms`);

    graph.throttleNext(100, 2);
    await assert.rejects(client.call(user("a@x.example"), Date.now() + 1000), GraphThrottledError);
  });

  it("names the permission the admin must grant when Graph refuses (403), in a batch too", async () => {
    graph.deny("User.Read.All");
    await assert.rejects(client.call(user("a@x.example")), (error: unknown) => {
      assert.ok(error instanceof GraphConsentError);
      assert.equal(error.permission, "User.Read.All");
      assert.match(error.message, /^consent missing: User\.Read\.All/);
      return true;
    });
    await assert.rejects(new GraphDirectory(client).lookup([{ upn: "a@x.example" }]), (error: unknown) => {
      assert.ok(error instanceof DirectoryError);
      assert.equal(error.permission, "User.Read.All");
      return true;
    });
  });

  it("finds a user by e-mail when the UPN column holds the address, with language and manager", async () => {
    const boss = graph.addUser({ userPrincipalName: "boss@x.example", displayName: "Boss" });
    const u = graph.addUser({
      userPrincipalName: "anna.k@x.example",
      mail: "anna@x.example",
      displayName: "Anna",
      preferredLanguage: "sv-SE",
      managerId: boss.id,
    });
    const found = await new GraphDirectory(client).lookup([
      { upn: "anna.wrong@x.example", email: "anna@x.example", withManager: true },
      { upn: "ghost@x.example" },
    ]);
    assert.deepEqual(found.get("anna.wrong@x.example"), {
      aadObjectId: u.id,
      upn: "anna.k@x.example",
      mail: "anna@x.example",
      displayName: "Anna",
      language: "sv",
      accountEnabled: true,
      manager: { aadObjectId: boss.id, upn: "boss@x.example" },
    });
    assert.equal(found.get("ghost@x.example"), null);
  });
});
