// The bot endpoint under bad input: malformed activities get a 400 (botbuilder would answer 500 by
// itself), broken invokes get a clear card or a 4xx, never a 500/501, and the server stays up.
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { StorageUnavailableError } from "../../../bot/src/storage/errors.js";
import type { ConnectorUser } from "../../support/teams-connector.js";
import { startTestApp, type TestApp } from "../../support/app.js";
import { goals, people, round, themes } from "../../support/fixtures.js";
import { startTeamsConnector, type TeamsConnector } from "../../support/teams-connector.js";
import { TeamsClient, textOf } from "../../support/teams-client.js";

describe("bot endpoint: bad input", () => {
  let app: TestApp;
  let connector: TeamsConnector;
  let teams: TeamsClient;
  let owner: ConnectorUser;

  before(async () => {
    connector = await startTeamsConnector();
    app = await startTestApp({ SEED_DEMO_DATA: "false" });
    await app.stores.register.saveRegister({ themes, people, goals });
    await app.stores.rounds.create(round());
    teams = new TeamsClient(app.url, connector);
    owner = teams.user({ key: "owner", upn: "owner@example.org", name: "Olga Owner" });
  });

  after(async () => {
    await app?.close();
    await connector?.stop();
  });

  const malformed: [string, (valid: Record<string, unknown>) => unknown][] = [
    ["an activity without type", ({ type: _t, ...rest }) => rest],
    ["a serviceUrl that is not a string", (a) => ({ ...a, serviceUrl: 42 })],
    ["a serviceUrl that is not a URL", (a) => ({ ...a, serviceUrl: "file:///etc/passwd" })],
    ["no conversation", ({ conversation: _c, ...rest }) => rest],
    ["no sender", ({ from: _f, ...rest }) => rest],
    ["a JSON array", () => [1, 2, 3]],
    ["a JSON string", () => JSON.stringify("hello")],
  ];
  for (const [what, make] of malformed) {
    it(`answers 400 to ${what}`, async () => {
      const valid = teams.activity(owner, { type: "message", text: "ohje" });
      const res = await teams.post(make(valid));
      assert.equal(res.status, 400, res.text);
    });
  }

  it("answers 400 to a body that is not JSON, and 415 to a gzip body it will not unpack", async () => {
    assert.equal((await teams.post("{not json")).status, 400);
    const res = await teams.post(gzipSync(Buffer.from("garbage")).toString("latin1"), {
      "content-encoding": "gzip",
    });
    assert.equal(res.status, 415);
    // Still serving.
    assert.equal((await teams.say(owner, "ohje")).status, 200);
  });

  const badInvokes: [string, unknown][] = [
    ["no value", undefined],
    ["no action", {}],
    ["an action that is not Action.Execute", { action: { type: "Action.Submit", data: {} } }],
    [
      "an unknown verb",
      {
        action: {
          type: "Action.Execute",
          verb: "drop-tables",
          data: { gf: 1, view: "list", roundId: "2026-1" },
        },
      },
    ],
    ["data that is not ours", { action: { type: "Action.Execute", verb: "open", data: { foo: 1 } } }],
    [
      "data of the wrong types",
      { action: { type: "Action.Execute", verb: "open", data: { gf: 1, view: 7, roundId: {} } } },
    ],
    [
      "a round id with a slash",
      { action: { type: "Action.Execute", verb: "list", data: { gf: 1, view: "list", roundId: "../x" } } },
    ],
    ["data as a string", { action: { type: "Action.Execute", verb: "list", data: "gf=1" } }],
  ];
  for (const [what, value] of badInvokes) {
    it(`answers an invoke with ${what} with a card saying so, not a 500/501`, async () => {
      const answer = await teams.invoke(owner, value);
      assert.equal(answer.status, 200);
      assert.ok(answer.card, "an Adaptive Card comes back");
      assert.match(textOf(answer.card), /En pystynyt lukemaan|Mitään ei tallennettu/);
    });
  }

  it("answers an invoke it does not offer with 400", async () => {
    const res = await teams.post(
      teams.activity(owner, { type: "invoke", name: "composeExtension/query", value: {} }),
    );
    assert.equal(res.status, 400);
  });

  it("answers a card action with a card when storage fails, never with a 500", async () => {
    const original = app.stores.rounds.get.bind(app.stores.rounds);
    app.stores.rounds.get = async () => {
      throw new StorageUnavailableError("down");
    };
    try {
      const answer = await teams.invoke(owner, {
        action: { type: "Action.Execute", verb: "list", data: { gf: 1, view: "list", roundId: "2026-1" } },
      });
      assert.equal(answer.status, 200);
      assert.match(textOf(answer.card), /Tallennus ei juuri nyt onnistu/);
    } finally {
      app.stores.rounds.get = original;
    }
  });
});
