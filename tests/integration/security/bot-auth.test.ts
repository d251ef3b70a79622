// The bot endpoint with the bot authentication of production (a SingleTenant bot: BOT_ID, BOT_TYPE,
// BOT_PASSWORD, BOT_TENANT_ID) refuses every activity without a valid Bot Framework channel token.
// The keys are a local stand-in (tests/support/bot-framework-keys.ts) published over https, as the
// production configuration requires of BOT_OPENID_METADATA_URL; nothing about validation is switched
// off. A valid token with the right claims gets the bot's answer.
import assert from "node:assert/strict";
import { loadConfig } from "../../../bot/src/config.js";
import { startTestApp, type TestApp } from "../../support/app.js";
import { LocalBotFramework } from "../../support/bot-framework-keys.js";
import { goals, people, round, themes } from "../../support/fixtures.js";
import { TeamsClient, textOf } from "../../support/teams-client.js";
import {
  startTeamsConnector,
  type ConnectorUser,
  type TeamsConnector,
} from "../../support/teams-connector.js";

const BOT_ID = "3f0c3d7e-5b1a-4c2e-9d8f-0a1b2c3d4e5f";
const BOT_TENANT_ID = "00000000-0000-4000-8000-0000000000aa";
const OWNER_AAD = "6a1f2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b";

describe("security: Bot Framework tokens at the bot endpoint (production bot authentication)", function () {
  this.timeout(60_000);
  let bf: LocalBotFramework;
  let app: TestApp;
  let connector: TeamsConnector;
  let teams: TeamsClient;
  let owner: ConnectorUser;

  before(async () => {
    bf = await LocalBotFramework.create();
    await bf.start();
    connector = await startTeamsConnector();
    app = await startTestApp({
      SEED_DEMO_DATA: "false",
      DISPATCH_WORKERS: "0",
      BOT_ID,
      BOT_TYPE: "SingleTenant",
      BOT_PASSWORD: "local-test-bot-password-not-a-secret",
      BOT_TENANT_ID,
      BOT_OPENID_METADATA_URL: bf.metadataUrl,
    });
    // The owner's AAD id is in the register, so the bot needs no member lookup (that would need an
    // Entra token for the bot, which cannot be had offline).
    await app.stores.register.saveRegister({
      themes,
      people: people.map((p) => (p.id === "p-owner" ? { ...p, aadObjectId: OWNER_AAD } : p)),
      goals,
    });
    await app.stores.rounds.create(round());
    teams = new TeamsClient(app.url, connector);
    owner = teams.user({
      key: "owner",
      upn: "owner@example.org",
      name: "Olga Owner",
      aadObjectId: OWNER_AAD,
    });
  });

  after(async () => {
    await app?.close();
    await connector?.stop();
    await bf?.stop();
  });

  /** A card action Teams would send when the owner opens their list; answered in the HTTP response. */
  const listAction = (channelId = "msteams") =>
    teams.activity(owner, {
      type: "invoke",
      name: "adaptiveCard/action",
      channelId,
      value: {
        action: { type: "Action.Execute", verb: "list", data: { gf: 1, view: "list", roundId: "2026-1" } },
      },
    });

  const post = (activity: unknown, token?: string) =>
    teams.post(activity, token === undefined ? {} : { authorization: `Bearer ${token}` });

  const valid = () => bf.channelToken({ audience: BOT_ID, serviceUrl: connector.url });

  it("the configuration used here passes production's checks for the metadata URL (https)", () => {
    const production = {
      APP_MODE: "production",
      PUBLIC_URL: "https://goalforecast.example.org",
      AZURE_TABLES_URL: "https://account.table.core.windows.net",
      AZURE_QUEUES_URL: "https://account.queue.core.windows.net",
      BOT_ID,
      BOT_TYPE: "SingleTenant",
      BOT_PASSWORD: "x",
      BOT_TENANT_ID,
      AAD_APP_CLIENT_ID: "c",
      AAD_APP_TENANT_ID: BOT_TENANT_ID,
      ADMIN_UPNS: "admin@example.org",
    };
    assert.doesNotThrow(() => loadConfig({ ...production, BOT_OPENID_METADATA_URL: bf.metadataUrl }));
    assert.throws(
      () => loadConfig({ ...production, BOT_OPENID_METADATA_URL: bf.metadataUrl.replace("https:", "http:") }),
      /BOT_OPENID_METADATA_URL: must be https in production/,
    );
  });

  it("a valid channel token from the published key, with the right claims: 200 and the bot's card", async () => {
    const res = await post(listAction(), await valid());
    assert.equal(res.status, 200, res.text);
    const body = res.json as { type?: string; value?: unknown };
    assert.equal(body.type, "application/vnd.microsoft.card.adaptive");
    assert.match(textOf(body.value), /Ennuste 1\/2026/);
    assert.match(textOf(body.value), /Digitalisaatio/);
  });

  const refused: [string, () => Promise<string | undefined>, string?][] = [
    ["no Authorization header", async () => undefined],
    ["a token that is not a JWT", async () => "not-a-token"],
    [
      "a token signed by another key (same key id)",
      async () =>
        bf.channelToken({
          audience: BOT_ID,
          serviceUrl: connector.url,
          key: await LocalBotFramework.otherKey(),
        }),
    ],
    [
      "a token whose key id nobody published",
      async () =>
        bf.channelToken({
          audience: BOT_ID,
          serviceUrl: connector.url,
          key: await LocalBotFramework.otherKey(),
          kid: "unknown",
        }),
    ],
    [
      "a token for another bot (audience not BOT_ID)",
      () => bf.channelToken({ audience: "another-bot", serviceUrl: connector.url }),
    ],
    [
      "an expired token (beyond the 5 min clock tolerance)",
      () => bf.channelToken({ audience: BOT_ID, serviceUrl: connector.url, expiresIn: -600 }),
    ],
    [
      "a token from another issuer",
      () =>
        bf.channelToken({ audience: BOT_ID, serviceUrl: connector.url, issuer: "https://evil.example.org" }),
    ],
    [
      "a token issued for another serviceUrl than the activity's",
      () => bf.channelToken({ audience: BOT_ID, serviceUrl: "https://smba.example.org/teams/" }),
    ],
    ["a valid token on an activity of a channel the key is not endorsed for", valid, "webchat"],
  ];
  for (const [what, token, channel] of refused) {
    it(`401 for ${what}, and the bot does nothing`, async () => {
      const before = connector.calls.length;
      const res = await post(listAction(channel), await token());
      assert.equal(res.status, 401, res.text);
      assert.doesNotMatch(res.text, /Digitalisaatio/);
      assert.equal(connector.calls.length, before, "nothing sent to Teams");
    });
  }
});
