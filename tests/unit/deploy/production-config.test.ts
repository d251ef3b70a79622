// Production mode: the server refuses settings that only make sense on a developer's machine, says
// which and why (all at once), and wires storage and the bot to the managed identity.
import assert from "node:assert/strict";
import { storageSettings } from "../../../bot/src/app.js";
import { ConfigError, loadConfig } from "../../../bot/src/config.js";
import { StorageAccount } from "../../../bot/src/storage/client.js";
import { ProductBotAuthentication } from "../../../bot/src/teams/adapter.js";

/** What infra/azure.bicep sets for a UserAssignedMSI installation (see provisioning.test.ts). */
const AZURE: Record<string, string> = {
  APP_MODE: "production",
  PUBLIC_URL: "https://goalforecast-4k2j9x1q.azurewebsites.net",
  AZURE_TABLES_URL: "https://goalforecast4k2j9x1qabcde.table.core.windows.net",
  AZURE_QUEUES_URL: "https://goalforecast4k2j9x1qabcde.queue.core.windows.net",
  AZURE_CLIENT_ID: "3b5d7f9a-1c2e-4a6b-8d0f-2a4c6e8b0d1f",
  BOT_ID: "3b5d7f9a-1c2e-4a6b-8d0f-2a4c6e8b0d1f",
  BOT_TYPE: "UserAssignedMSI",
  BOT_TENANT_ID: "9c8b7a6f-5e4d-4c3b-a2f1-0e9d8c7b6a5f",
  AAD_APP_CLIENT_ID: "7a1c3e5f-9b2d-4f6a-8c0e-1d3f5b7a9c2e",
  AAD_APP_TENANT_ID: "9c8b7a6f-5e4d-4c3b-a2f1-0e9d8c7b6a5f",
  ADMIN_UPNS: "anna.admin@example.org",
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.problems;
  }
  return [];
}

describe("production configuration", () => {
  it("accepts what Azure provisioning sets", () => {
    assert.deepEqual(problemsOf(AZURE), []);
    const config = loadConfig(AZURE);
    assert.equal(config.devAuth, false);
    assert.equal(config.seedDemoData, false);
  });

  it("is the default mode: a server started without APP_MODE is production", () => {
    const { APP_MODE: _mode, ...rest } = AZURE;
    assert.equal(loadConfig(rest).isDevelopment, false);
  });

  const refusals: [string, Record<string, string>, RegExp][] = [
    [
      "the development token issuer",
      { DEV_AUTH: "true" },
      /^DEV_AUTH: the development token issuer is refused in production/,
    ],
    ["demo data", { SEED_DEMO_DATA: "true" }, /^SEED_DEMO_DATA: demo data is refused in production/],
    [
      "Azurite by its well-known connection string",
      { AZURE_STORAGE_CONNECTION_STRING: "UseDevelopmentStorage=true" },
      /^AZURE_STORAGE_CONNECTION_STRING: points to Azurite \(local emulator\)/,
    ],
    [
      "Azurite by address",
      {
        AZURE_STORAGE_CONNECTION_STRING:
          "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;",
      },
      /^AZURE_STORAGE_CONNECTION_STRING: points to Azurite/,
    ],
    [
      "storage URLs on this machine",
      { AZURE_TABLES_URL: "http://127.0.0.1:10002/devstoreaccount1" },
      /^AZURE_TABLES_URL: must be the https address of a storage account in production/,
    ],
    [
      "plain-http queues",
      { AZURE_QUEUES_URL: "http://goalforecast.queue.core.windows.net" },
      /^AZURE_QUEUES_URL: must be the https address/,
    ],
    [
      "Bot Framework keys over http (test keys)",
      { BOT_OPENID_METADATA_URL: "http://127.0.0.1:4000/.well-known/openid-configuration" },
      /^BOT_OPENID_METADATA_URL: must be https in production/,
    ],
    [
      "the tab's token keys over http (test keys)",
      { AUTH_JWKS_URL: "http://127.0.0.1:4000/jwks.json" },
      /^AUTH_JWKS_URL: must be https in production/,
    ],
    [
      "a tab address Teams cannot load",
      { PUBLIC_URL: "http://goalforecast.example.org" },
      /^PUBLIC_URL: must be https/,
    ],
    [
      "a password for a managed-identity bot",
      { BOT_PASSWORD: "left-over" },
      /^BOT_PASSWORD: a UserAssignedMSI bot has no password/,
    ],
    [
      "a SingleTenant bot without its secret",
      { BOT_TYPE: "SingleTenant" },
      /^BOT_PASSWORD: required for a SingleTenant bot/,
    ],
  ];
  for (const [what, change, message] of refusals) {
    it(`refuses ${what}, saying which setting and why`, () => {
      const problems = problemsOf({ ...AZURE, ...change });
      assert.ok(
        problems.some((p) => message.test(p)),
        `expected ${String(message)} among:\n${problems.join("\n")}`,
      );
    });
  }

  it("names every missing production setting at once", () => {
    const problems = problemsOf({
      APP_MODE: "production",
      AZURE_STORAGE_CONNECTION_STRING:
        "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=a2V5;EndpointSuffix=core.windows.net",
    });
    for (const key of [
      "PUBLIC_URL",
      "BOT_ID",
      "BOT_TYPE",
      "AAD_APP_CLIENT_ID",
      "AAD_APP_TENANT_ID",
      "ADMIN_UPNS or ADMIN_GROUP_ID",
    ]) {
      assert.ok(
        problems.some((p) => p.startsWith(`${key}:`)),
        `${key} among:\n${problems.join("\n")}`,
      );
    }
    assert.match(new ConfigError(problems).message, /^Configuration is not valid:\n {2}- /);
  });

  it("allows the same development-only settings in development mode (tests, local debugging)", () => {
    const dev = {
      APP_MODE: "development",
      AZURE_STORAGE_CONNECTION_STRING: "UseDevelopmentStorage=true",
      DEV_AUTH: "true",
      SEED_DEMO_DATA: "true",
      AUTH_JWKS_URL: "http://127.0.0.1:4000/jwks.json",
      BOT_OPENID_METADATA_URL: "http://127.0.0.1:4000/.well-known/openid-configuration",
    };
    assert.deepEqual(problemsOf(dev), []);
  });

  it("reaches storage by account URL with the user-assigned identity, not a key", () => {
    const settings = storageSettings(loadConfig(AZURE));
    assert.deepEqual(settings, {
      prefix: "gf",
      tablesUrl: AZURE.AZURE_TABLES_URL,
      queuesUrl: AZURE.AZURE_QUEUES_URL,
      managedIdentityClientId: AZURE.AZURE_CLIENT_ID,
    });
    const account = new StorageAccount(settings);
    // DefaultAzureCredential (managed identity with that client id in App Service); building the
    // clients does not call Azure. Getting a token needs Azure, which this machine cannot reach.
    assert.equal(account.tokenCredential().constructor.name, "DefaultAzureCredential");
    assert.equal(account.table("rounds").url, AZURE.AZURE_TABLES_URL);
    assert.equal(account.table("rounds").tableName, "gfrounds");
  });

  it("gives botbuilder a configuration it accepts for both bot types", () => {
    assert.doesNotThrow(() => new ProductBotAuthentication(loadConfig(AZURE)));
    const singleTenant = {
      ...AZURE,
      BOT_TYPE: "SingleTenant",
      BOT_ID: "6d8f0a2c-4e5b-4c7d-9e1f-3a5c7e9b1d2f",
      BOT_PASSWORD: "from-key-vault",
    };
    assert.doesNotThrow(() => new ProductBotAuthentication(loadConfig(singleTenant)));
  });

  it("refuses at start-up, with a clear message, what botbuilder would refuse at the first activity", () => {
    const cases: [Record<string, string>, RegExp, RegExp][] = [
      [{ BOT_TENANT_ID: "" }, /BOT_TENANT_ID: required/, /MicrosoftAppTenantId is required for MSI/],
      [
        { BOT_PASSWORD: "left-over" },
        /BOT_PASSWORD: a UserAssignedMSI bot has no password/,
        /must not be set for MSI/,
      ],
    ];
    for (const [change, ours, botbuilder] of cases) {
      const env = { ...AZURE, ...change };
      assert.throws(() => loadConfig(env), ours);
      const raw = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ""));
      const unchecked = { ...raw, STORAGE_PREFIX: "gf" } as unknown as Parameters<typeof storageSettings>[0];
      assert.throws(() => new ProductBotAuthentication(unchecked), botbuilder);
    }
  });
});
