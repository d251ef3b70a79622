// No secret or token reaches the log. Two servers log everything they do (debug level): one in
// development bot mode running a whole check-in in Teams and API calls with valid, forged and expired
// tokens; one with a SingleTenant bot's BOT_PASSWORD taking activities with valid and forged Bot
// Framework tokens. Both reach storage with a connection string holding an AccountKey. The captured
// lines must hold no token (nor its signature), no password, no account key and no Bearer value;
// nor what botbuilder itself writes to the console (App Service keeps that too), captured here.
import assert from "node:assert/strict";
import { format } from "node:util";
import { startTestApp, type TestApp } from "../../support/app.js";
import { LocalBotFramework } from "../../support/bot-framework-keys.js";
import { completeDigiInputs, goals, people, round, themes } from "../../support/fixtures.js";
import { testConnectionString } from "../../support/storage.js";
import { button, TeamsClient } from "../../support/teams-client.js";
import {
  startTeamsConnector,
  type ConnectorUser,
  type TeamsConnector,
} from "../../support/teams-connector.js";

const BOT_PASSWORD = "Zq8~bot-password-that-must-never-be-logged";
const OWNER_AAD = "6a1f2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b";

/** The token and its signature (a log quoting just the signature would leak it as well). */
const partsOf = (token: string): string[] => [token, token.split(".")[2] ?? token];

describe("security: no secret or token in the log", function () {
  this.timeout(60_000);
  let connector: TeamsConnector;
  let bf: LocalBotFramework;
  const apps: TestApp[] = [];
  const secrets: string[] = [BOT_PASSWORD];
  const consoleLines: string[] = [];
  const original = { error: console.error, warn: console.warn, log: console.log };

  before(async () => {
    connector = await startTeamsConnector();
    bf = await LocalBotFramework.create();
    await bf.start();
    const accountKey = /AccountKey=([^;]+)/.exec(testConnectionString())?.[1];
    assert.ok(accountKey, "the storage connection string has an account key");
    secrets.push(accountKey);
    for (const level of ["error", "warn", "log"] as const) {
      // What the console would print (util.format), kept instead of printed.
      console[level] = (...args: unknown[]) => void consoleLines.push(format(...args));
    }
  });

  after(async () => {
    Object.assign(console, original);
    for (const app of apps) await app.close();
    await connector?.stop();
    await bf?.stop();
  });

  async function withRegister(env: Record<string, string>): Promise<TestApp> {
    const app = await startTestApp({ SEED_DEMO_DATA: "false", DISPATCH_WORKERS: "0", ...env });
    apps.push(app);
    await app.stores.register.saveRegister({
      themes,
      people: people.map((p) => (p.id === "p-owner" ? { ...p, aadObjectId: OWNER_AAD } : p)),
      goals,
    });
    await app.stores.rounds.create(round());
    return app;
  }

  it("a check-in in Teams and API calls with valid, forged and malformed tokens", async () => {
    const app = await withRegister({});
    const teams = new TeamsClient(app.url, connector);
    const owner: ConnectorUser = teams.user({
      key: "owner",
      upn: "owner@example.org",
      name: "Olga Owner",
      aadObjectId: OWNER_AAD,
    });
    await teams.install(owner);
    assert.equal((await teams.say(owner, "raportoi")).status, 200);
    const form = await teams.press(owner, {
      verb: "open",
      data: { gf: 1, view: "list", roundId: "2026-1", subjectId: "g-digi" },
    });
    const submitted = await teams.press(owner, button(form.card, "submit"), completeDigiInputs);
    assert.equal(submitted.status, 200);
    assert.equal((await app.stores.reports.get("2026-1", "g-digi"))?.state, "submitted");

    const token = await app.tokenFor("p-owner");
    const admin = await app.tokenFor("p-admin");
    secrets.push(...partsOf(token), ...partsOf(admin));
    assert.equal((await app.api("/api/me", { token })).status, 200);
    assert.equal((await app.api("/api/rounds/2026-1/progress", { token: admin })).status, 200);
    const forged = `${token.slice(0, token.lastIndexOf(".") + 1)}${"A".repeat(43)}`;
    assert.equal((await app.api("/api/me", { token: forged })).status, 401);
    assert.equal((await app.api("/api/me", { token: `${token}x` })).status, 401);
    assert.equal(
      (await app.api("/api/me", { headers: { authorization: "Bearer not-a-jwt-secret" } })).status,
      401,
    );
    secrets.push("not-a-jwt-secret");
    // A refused write with a token, and a request for something missing.
    assert.equal(
      (await app.api("/api/rounds", { method: "POST", body: { year: "x" }, token: admin })).status,
      400,
    );
    assert.equal((await app.api("/api/rounds/nope", { token })).status, 404);
    assertClean(app);
  });

  it("a SingleTenant bot with its password, taking valid and forged Bot Framework tokens", async () => {
    const app = await withRegister({
      BOT_ID: "3f0c3d7e-5b1a-4c2e-9d8f-0a1b2c3d4e5f",
      BOT_TYPE: "SingleTenant",
      BOT_PASSWORD,
      BOT_TENANT_ID: "00000000-0000-4000-8000-0000000000aa",
      BOT_OPENID_METADATA_URL: bf.metadataUrl,
    });
    const teams = new TeamsClient(app.url, connector);
    const owner = teams.user({
      key: "owner",
      upn: "owner@example.org",
      name: "Olga Owner",
      aadObjectId: OWNER_AAD,
    });
    const activity = teams.activity(owner, {
      type: "invoke",
      name: "adaptiveCard/action",
      value: {
        action: { type: "Action.Execute", verb: "list", data: { gf: 1, view: "list", roundId: "2026-1" } },
      },
    });
    const valid = await bf.channelToken({ audience: app.config.BOT_ID!, serviceUrl: connector.url });
    const forged = await bf.channelToken({
      audience: app.config.BOT_ID!,
      serviceUrl: connector.url,
      key: await LocalBotFramework.otherKey(),
    });
    const expired = await bf.channelToken({
      audience: app.config.BOT_ID!,
      serviceUrl: connector.url,
      expiresIn: -600,
    });
    secrets.push(...partsOf(valid), ...partsOf(forged), ...partsOf(expired));
    assert.equal((await teams.post(activity, { authorization: `Bearer ${valid}` })).status, 200);
    for (const token of [forged, expired]) {
      assert.equal((await teams.post(activity, { authorization: `Bearer ${token}` })).status, 401);
    }
    assert.ok(
      consoleLines.some((l) => l.includes("AuthenticationError")),
      "botbuilder's console output was captured",
    );
    assertClean(app);
  });

  function assertClean(app: TestApp): void {
    const lines = app.logLines();
    assert.ok(lines.length >= 5, "the server logged what it did");
    const log = [...lines, ...consoleLines].join("\n");
    for (const secret of secrets) {
      assert.ok(!log.includes(secret), `the log holds a secret or token: ${secret.slice(0, 12)}…`);
    }
    assert.doesNotMatch(log, /Bearer\s+(?!\[redacted\])[A-Za-z0-9._~+/=-]{8,}/i);
    assert.doesNotMatch(log, /AccountKey=(?!\[redacted\])/i);
  }
});
