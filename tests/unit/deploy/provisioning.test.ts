// The toolkit files, the env templates, the Bicep and the server's configuration agree: every value
// an action or template needs exists by the time it is used, every variable the server reads is an
// App Service setting (or deliberately not, with a reason), and what the Bicep sets is a production
// configuration the server accepts. The Bicep is read as text: no Bicep compiler is reachable here.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { CONFIG_KEYS, NOT_PROVISIONED_KEYS, loadConfig } from "../../../bot/src/config.js";
import { fillPlaceholders, placeholdersIn } from "../../../scripts/lib/app-package.js";
import { bicep, envTemplate, placeholdersOf, read, ROOT, toolkitProject, type Action } from "./project.js";
import { provisionedEnvironment } from "./samples.js";

/** The actions of the yaml schema v1.11 (Microsoft 365 Agents Toolkit). */
const KNOWN_ACTIONS = new Set([
  "aadApp/create",
  "aadApp/update",
  "arm/deploy",
  "azureAppService/zipDeploy",
  "botAadApp/create",
  "botFramework/create",
  "cli/runNpmCommand",
  "cli/runNpxCommand",
  "devTool/install",
  "file/createOrUpdateEnvironmentFile",
  "file/createOrUpdateJsonFile",
  "script",
  "teamsApp/create",
  "teamsApp/extendToM365",
  "teamsApp/publishAppPackage",
  "teamsApp/update",
  "teamsApp/validateAppPackage",
  "teamsApp/validateManifest",
  "teamsApp/zipAppPackage",
]);

/** Set by the toolkit itself. */
const BUILT_IN = new Set(["TEAMSFX_ENV"]);

/** App Service's own switches in the Bicep (not read by the server). */
const PLATFORM_SETTINGS = new Set([
  "WEBSITE_RUN_FROM_PACKAGE",
  "SCM_DO_BUILD_DURING_DEPLOYMENT",
  "NODE_ENV",
  "ApplicationInsightsAgent_EXTENSION_VERSION",
]);

const APP_PACKAGE_FILES = ["appPackage/manifest.json", "appPackage/fi.json", "appPackage/sv.json"];

/** Files an action reads with ${{…}} filled in, besides its own `with`. */
function filesReadBy(action: Action): string[] {
  const w = (action.with ?? {}) as Record<string, unknown>;
  if (action.uses === "arm/deploy") {
    return (w.templates as { parameters?: string }[]).flatMap((t) => (t.parameters ? [t.parameters] : []));
  }
  if (action.uses === "aadApp/update") return [String(w.manifestPath)];
  if (action.uses === "teamsApp/validateManifest" || action.uses === "teamsApp/zipAppPackage") {
    return APP_PACKAGE_FILES;
  }
  return [];
}

/** Names an action writes into the environment. */
function writtenBy(action: Action, outputs: string[]): string[] {
  const names = Object.values(action.writeToEnvironmentFile ?? {});
  if (action.uses === "arm/deploy") names.push(...outputs);
  if (action.uses === "script") {
    const run = String((action.with as { run?: string }).run ?? "");
    names.push(...[...run.matchAll(/::set-teamsfx-env (\w+)=/g)].map((m) => m[1] as string));
  }
  return names;
}

const normalize = (path: string) => path.replace(/^\.\//, "");

describe("toolkit project (teamsapp.yml, teamsapp.local.yml, env templates)", () => {
  const outputs = bicep().outputs;

  for (const [file, envName] of [
    ["teamsapp.yml", "dev"],
    ["teamsapp.local.yml", "local"],
  ] as const) {
    describe(file, () => {
      const project = toolkitProject(file);
      const env = envTemplate(envName);
      const stages = [...project.provision, ...project.deploy, ...(project.publish ?? [])];

      it("uses the v1.11 yaml schema and only actions it knows", () => {
        assert.equal(project.version, "v1.11");
        assert.match(
          read(file),
          /^# yaml-language-server: \$schema=https:\/\/aka\.ms\/m365-agents-toolkits\/v1\.11\/yaml\.schema\.json/,
        );
        for (const action of stages)
          assert.ok(KNOWN_ACTIONS.has(action.uses), `unknown action ${action.uses}`);
      });

      it("has every value ready before an action uses it (set by people, or written by an earlier action)", () => {
        const available = new Set([...BUILT_IN, ...env.userSet]);
        const late: string[] = [];
        for (const action of stages) {
          // aadApp/update makes up the scope's id itself the first time the Entra manifest uses it.
          if (action.uses === "aadApp/update") available.add("AAD_APP_ACCESS_AS_USER_PERMISSION_ID");
          const used = [
            ...placeholdersIn(JSON.stringify(action.with ?? {})),
            ...filesReadBy(action).flatMap((f) => placeholdersOf(normalize(f))),
          ];
          for (const name of used) {
            if (!available.has(name) && !name.startsWith("SECRET_")) late.push(`${action.uses} uses ${name}`);
            if (name.startsWith("SECRET_") && !available.has(name))
              late.push(`${action.uses} uses ${name} before it is written`);
          }
          for (const name of writtenBy(action, outputs)) available.add(name);
        }
        assert.deepEqual(late, []);
      });

      it(
        "declares in env/.env." + envName + " every value provisioning writes (secrets go to the .user file)",
        () => {
          const written = stages.flatMap((a) =>
            a.uses === "arm/deploy" && file === "teamsapp.yml" ? writtenBy(a, outputs) : writtenBy(a, []),
          );
          const undeclared = written.filter((n) => !n.startsWith("SECRET_") && !env.generated.includes(n));
          assert.deepEqual(undeclared, [], `add them under "Written by provision" in env/.env.${envName}`);
          assert.deepEqual(
            env.generated.filter((n) => env.values[n] !== ""),
            [],
            "generated values are committed empty",
          );
          for (const name of Object.keys(env.values))
            assert.ok(!name.startsWith("SECRET_"), `${name} belongs in .user`);
        },
      );

      it("fills every placeholder of the files it uses from a provisioned environment", () => {
        const values = provisionedEnvironment(envName);
        const files = [file, ...new Set(stages.flatMap((a) => filesReadBy(a).map(normalize)))];
        for (const f of files) {
          const { missing, empty } = fillPlaceholders(read(f), values);
          assert.deepEqual([...missing, ...empty], [], `${f}`);
        }
      });
    });
  }

  it("provisions the SSO app, the Teams app and the Azure resources, then packages, in that order", () => {
    const { provision, deploy, publish } = toolkitProject("teamsapp.yml");
    const order = provision.map((a) => a.uses);
    const at = (uses: string) => order.indexOf(uses);
    for (const uses of [
      "aadApp/create",
      "teamsApp/create",
      "arm/deploy",
      "aadApp/update",
      "teamsApp/validateManifest",
      "teamsApp/zipAppPackage",
      "teamsApp/validateAppPackage",
      "teamsApp/update",
    ]) {
      assert.ok(at(uses) >= 0, `provision has ${uses}`);
    }
    assert.ok(at("aadApp/create") < at("arm/deploy") && at("arm/deploy") < at("aadApp/update"));
    assert.ok(
      at("aadApp/update") < at("teamsApp/zipAppPackage") &&
        at("teamsApp/zipAppPackage") < at("teamsApp/update"),
    );

    const arm = provision.find((a) => a.uses === "arm/deploy")?.with as {
      templates: { path: string; parameters: string }[];
    };
    assert.deepEqual(
      arm.templates.map((t) => [normalize(t.path), normalize(t.parameters)]),
      [["infra/azure.bicep", "infra/azure.parameters.json"]],
    );

    const npm = deploy.filter((a) => a.uses === "cli/runNpmCommand").map((a) => String(a.with?.args));
    const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;
    for (const args of npm) {
      const script = /^run (\S+)/.exec(args)?.[1];
      if (script) assert.ok(scripts[script], `package.json has the "${script}" script`);
    }
    assert.deepEqual(npm.slice(-2), ["run build", "run stage:azure"]);
    const zipDeploy = deploy.at(-1);
    assert.equal(zipDeploy?.uses, "azureAppService/zipDeploy");
    assert.deepEqual(zipDeploy.with, {
      artifactFolder: ".deploy",
      resourceId: "${{AZURE_APP_SERVICE_RESOURCE_ID}}",
    });
    assert.equal(publish?.at(-1)?.uses, "teamsApp/publishAppPackage");
  });

  it("local: registers a single-tenant bot at the tunnel and writes a development config with real auth", () => {
    const { provision, deploy } = toolkitProject("teamsapp.local.yml");
    const botApp = provision.find(
      (a) => a.uses === "aadApp/create" && a.writeToEnvironmentFile?.clientId === "BOT_ID",
    );
    assert.deepEqual(botApp?.with, {
      name: "Goal Forecast bot${{APP_NAME_SUFFIX}}",
      generateClientSecret: true,
      generateServicePrincipal: true,
      signInAudience: "AzureADMyOrg",
    });
    const registration = provision.find((a) => a.uses === "botFramework/create");
    assert.equal(registration?.with?.messagingEndpoint, "${{BOT_ENDPOINT}}/api/messages");

    const file = deploy.find((a) => a.uses === "file/createOrUpdateEnvironmentFile")?.with as {
      target: string;
      envs: Record<string, string | boolean | number>;
    };
    assert.equal(file.target, "./.localConfigs");
    const values = provisionedEnvironment("local");
    const env = Object.fromEntries(
      Object.entries(file.envs).map(([k, v]) => [k, fillPlaceholders(String(v), values).text]),
    );
    const config = loadConfig({ ...env, AZURE_STORAGE_CONNECTION_STRING: "UseDevelopmentStorage=true" });
    assert.equal(config.isDevelopment, true);
    assert.equal(config.devAuth, false, "Teams gives real SSO tokens: no development issuer");
    assert.equal(config.BOT_TYPE, "SingleTenant");
    assert.equal(config.BOT_PASSWORD, values.SECRET_BOT_PASSWORD);
    assert.equal(config.PUBLIC_URL, values.TAB_ENDPOINT);
    const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;
    assert.match(scripts["dev:teams"] ?? "", /--env-file=\.localConfigs/);
  });

  it("VS Code's F5 runs the same local steps: tunnel into env/.env.local, provision and deploy 'local', the server", () => {
    interface Task {
      label: string;
      type?: string;
      command?: string;
      args?: {
        env?: string;
        ports?: { portNumber: number; writeToEnvironmentFile: Record<string, string> }[];
      };
      dependsOn?: string[];
    }
    const { tasks } = JSON.parse(read(".vscode/tasks.json")) as { tasks: Task[] };
    const byLabel = new Map(tasks.map((t) => [t.label, t]));
    const start = tasks.find((t) => t.dependsOn);
    for (const label of start?.dependsOn ?? []) assert.ok(byLabel.has(label), `task "${label}" exists`);
    const tunnel = tasks.find((t) => t.command === "debug-start-local-tunnel");
    const [port] = tunnel?.args?.ports ?? [];
    assert.equal(port?.portNumber, 3978);
    const { userSet } = envTemplate("local");
    for (const name of Object.values(port?.writeToEnvironmentFile ?? {}))
      assert.ok(userSet.includes(name), name);
    for (const command of ["provision", "deploy"]) {
      assert.equal(tasks.find((t) => t.command === command)?.args?.env, "local", command);
    }
    const server = tasks.find((t) => t.type === "shell")?.command ?? "";
    assert.match(server, /--env-file=\.localConfigs scripts\/start\.ts/);
    const { configurations } = JSON.parse(read(".vscode/launch.json")) as {
      configurations: { url?: string; preLaunchTask?: string }[];
    };
    for (const c of configurations.filter((c) => c.preLaunchTask)) {
      assert.equal(c.preLaunchTask, start?.label);
      assert.match(c.url ?? "", /\$\{\{local:TEAMS_APP_ID\}\}/);
    }
  });

  it("keeps teamsapp.yml as the one project file (no m365agents.yml to drift from it)", () => {
    assert.ok(!existsSync(join(ROOT, "m365agents.yml")));
    assert.ok(!existsSync(join(ROOT, "m365agents.local.yml")));
    assert.match(read("teamsapp.yml"), /m365agents\.yml/, "the decision is written down where people look");
  });

  it("keeps secrets and generated files out of git", () => {
    for (const path of [
      "env/.env.dev.user",
      "env/.env.local.user",
      ".localConfigs",
      "build/aad.manifest.dev.json",
      ".deploy/package.json",
      "appPackage/build/appPackage.dev.zip",
    ]) {
      const ignored = (() => {
        try {
          execFileSync("git", ["check-ignore", "-q", path], { cwd: ROOT });
          return true;
        } catch {
          return false;
        }
      })();
      assert.ok(ignored, `${path} is git-ignored`);
    }
  });
});

describe("infrastructure (infra/azure.bicep, read as text)", () => {
  const b = bicep();
  const parameters = JSON.parse(read("infra/azure.parameters.json")) as {
    parameters: Record<string, { value: string }>;
  };

  it("gets every parameter without a default from azure.parameters.json, and nothing it does not declare", () => {
    const declared = new Map(b.params.map((p) => [p.name, p]));
    for (const name of Object.keys(parameters.parameters))
      assert.ok(declared.has(name), `the Bicep has param ${name}`);
    for (const p of b.params) {
      if (p.default === undefined)
        assert.ok(p.name in parameters.parameters, `azure.parameters.json sets ${p.name}`);
    }
    // The toolkit fills the file by text: every value is a string (the Bicep converts numbers itself).
    for (const [name, { value }] of Object.entries(parameters.parameters)) {
      assert.equal(typeof value, "string", name);
      assert.equal(declared.get(name)?.type, "string", `${name} is a string param`);
    }
  });

  it("sets every variable the server reads as an App Service setting, except the ones listed with a reason", () => {
    const exempt = NOT_PROVISIONED_KEYS as Record<string, string>;
    const missing = CONFIG_KEYS.filter((k) => !(k in exempt) && !b.appSettings.has(k));
    assert.deepEqual(
      missing,
      [],
      "add each to the serverSettings of infra/azure.bicep (a param if operators set it, then azure.parameters.json and env/.env.dev), or to NOT_PROVISIONED_KEYS in bot/src/config.ts with the reason",
    );
    for (const [key, reason] of Object.entries(exempt)) {
      assert.ok((CONFIG_KEYS as string[]).includes(key), `${key} is still a config key`);
      assert.ok(reason.length > 10, `${key} says why it is not provisioned`);
      assert.ok(!b.appSettings.has(key), `${key} is not provisioned, yet the Bicep sets it`);
    }
    const unknown = [...b.appSettings.keys()].filter(
      (k) => !(CONFIG_KEYS as string[]).includes(k) && !PLATFORM_SETTINGS.has(k),
    );
    assert.deepEqual(
      unknown,
      [],
      "the Bicep sets only what the server reads (or App Service's own switches)",
    );
  });

  it("documents every provisioned server variable in env/.env.dev", () => {
    const { text } = envTemplate("dev");
    const undocumented = [...b.appSettings.keys()].filter(
      (k) => !PLATFORM_SETTINGS.has(k) && !new RegExp(`\\b${k}\\b`).test(text),
    );
    assert.deepEqual(undocumented, []);
  });

  it("writes every output to an env variable that env/.env.dev declares", () => {
    const { generated } = envTemplate("dev");
    assert.deepEqual(
      b.outputs.filter((o) => !generated.includes(o)),
      [],
    );
    for (const name of [
      "TAB_ENDPOINT",
      "TAB_DOMAIN",
      "BOT_ID",
      "BOT_TENANT_ID",
      "AZURE_TABLES_URL",
      "AZURE_QUEUES_URL",
      "AZURE_CLIENT_ID",
      "AZURE_APP_SERVICE_RESOURCE_ID",
    ]) {
      assert.ok(b.outputs.includes(name), `output ${name}`);
    }
  });

  for (const botType of ["UserAssignedMSI", "SingleTenant"] as const) {
    it(`sets a production configuration the server accepts (${botType})`, () => {
      const env = provisionedEnvironment("dev");
      const paramValue = (param: string): string => {
        const value = parameters.parameters[param]?.value;
        if (value !== undefined) return fillPlaceholders(value, { ...env, BOT_TYPE: botType }).text;
        const fallback = b.params.find((p) => p.name === param)?.default;
        assert.ok(fallback, `param ${param} has a value`);
        return fallback.replace(/^'(.*)'$/, "$1");
      };
      // What App Service would hold: literals as written, parameters as the env fills them, values the
      // Bicep derives from the resources it creates as the provisioned environment shows them.
      const derived: Record<string, string> = {
        ...env,
        PUBLIC_URL: env.TAB_ENDPOINT as string,
        API_AUDIENCE: `${env.AAD_APP_CLIENT_ID},api://${env.TAB_DOMAIN}/${env.AAD_APP_CLIENT_ID}`,
        APPLICATIONINSIGHTS_CONNECTION_STRING:
          "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/",
        BOT_PASSWORD: env.SECRET_BOT_PASSWORD as string,
      };
      const appSettings: Record<string, string> = {};
      for (const [name, expression] of b.appSettings) {
        if (PLATFORM_SETTINGS.has(name)) continue;
        if (name === "BOT_PASSWORD" && botType === "UserAssignedMSI") continue; // secretSettings: SingleTenant only
        const literal = /^'([^'$]*)'$/.exec(expression);
        const param = /^(\w+)$/.exec(expression);
        // "none" (an unused id) and "default" (the server's default) become an empty, i.e. unset, setting.
        const noneOrParam = /^(\w+) == '(none|default)' \? '' : \1$/.exec(expression);
        if (literal) appSettings[name] = literal[1] as string;
        else if (param && b.params.some((p) => p.name === param[1]))
          appSettings[name] = paramValue(param[1] as string);
        else if (noneOrParam) {
          const value = paramValue(noneOrParam[1] as string);
          appSettings[name] = value === noneOrParam[2] ? "" : value;
        } else {
          assert.ok(derived[name] !== undefined, `a sample for ${name} = ${expression}`);
          appSettings[name] = derived[name] as string;
        }
      }
      if (botType === "SingleTenant")
        assert.ok(
          b.appSettings.get("BOT_PASSWORD")?.includes("@Microsoft.KeyVault("),
          "the password is a Key Vault reference",
        );
      const config = loadConfig(appSettings);
      assert.equal(config.APP_MODE, "production");
      assert.equal(config.isDevelopment, false);
      assert.equal(config.devAuth, false);
      assert.equal(config.seedDemoData, false);
      assert.equal(config.BOT_TYPE, botType);
      assert.equal(config.AZURE_STORAGE_CONNECTION_STRING, undefined, "storage by URL and managed identity");
      assert.equal(config.AZURE_CLIENT_ID, env.AZURE_CLIENT_ID);
      assert.deepEqual(config.ADMIN_UPNS, [env.ADMIN_UPNS]);
      assert.equal(config.ADMIN_GROUP_ID, undefined, '"none" becomes unset');
      assert.equal(
        config.TEAMS_SERVICE_URL,
        "https://smba.trafficmanager.net/teams/",
        '"default": the code default',
      );
    });
  }

  it("runs the Node LTS of .nvmrc on Linux, always on, https only, TLS 1.2, health-checked, without instance affinity", () => {
    const t = b.text;
    const major = read(".nvmrc").trim();
    assert.match(t, new RegExp(`param linuxFxVersion string = 'NODE\\|${major}-lts'`));
    assert.match(
      t,
      /@allowed\(\[\s*'NODE\|24-lts'\s*'NODE\|22-lts'\s*\]\)\s*@description[^\n]*\s*param linuxFxVersion/,
    );
    assert.match(read("env/.env.dev"), new RegExp(`^APP_SERVICE_RUNTIME=NODE\\|${major}-lts$`, "m"));
    assert.match(t, /kind: 'linux'[\s\S]*reserved: true/);
    for (const line of [
      "httpsOnly: true",
      "alwaysOn: true",
      "healthCheckPath: '/api/health'",
      "minTlsVersion: '1.2'",
      "clientAffinityEnabled: false",
      "appCommandLine: 'node --conditions=production dist/bot/src/main.js'",
      "capacity: int(instanceCount)",
    ]) {
      assert.ok(t.includes(line), line);
    }
  });

  it("locks the storage account down and reaches it with the identity's data roles (built-in role ids)", () => {
    const t = b.text;
    for (const line of [
      "allowBlobPublicAccess: false",
      "minimumTlsVersion: 'TLS1_2'",
      "allowSharedKeyAccess: false",
      "supportsHttpsTrafficOnly: true",
    ]) {
      assert.ok(t.includes(line), line);
    }
    assert.match(t, /var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'/);
    assert.match(t, /var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'/);
    assert.match(t, /var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'/);
    for (const role of ["storageTableDataContributor", "storageQueueDataContributor"]) {
      const block = new RegExp(
        `roleAssignments@[\\d-]+' = \\{\\s*name: guid\\(storage\\.id, identity\\.id, ${role}\\)\\s*scope: storage\\s*properties: \\{\\s*roleDefinitionId: subscriptionResourceId\\('Microsoft\\.Authorization/roleDefinitions', ${role}\\)\\s*principalId: identity\\.properties\\.principalId`,
      );
      assert.match(t, block, `${role} is assigned to the identity on the account`);
    }
    assert.match(t, /keyVaultReferenceIdentity: identity\.id/);
    assert.match(t, /enableRbacAuthorization: true/);
  });

  it("registers the bot with the Teams channel, by managed identity unless SingleTenant is chosen", () => {
    const t = b.text;
    assert.match(t, /param botType string = 'UserAssignedMSI'/);
    assert.match(t, /Microsoft\.BotService\/botServices@[\d-]+' = \{[\s\S]*?msaAppType: botType/);
    assert.match(t, /msaAppMSIResourceId: identity\.id/);
    assert.match(t, /channelName: 'MsTeamsChannel'/);
    assert.match(t, /endpoint: '\$\{appUrl\}\/api\/messages'/);
  });

  it("uses resource API versions that exist (GA versions checked against Azure's docs and samples)", () => {
    const versions = [...b.text.matchAll(/^resource \w+ '([^@]+)@([^']+)'/gm)].map((m) => `${m[1]}@${m[2]}`);
    const known = new Set([
      "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31",
      "Microsoft.OperationalInsights/workspaces@2023-09-01",
      "Microsoft.Insights/components@2020-02-02",
      "Microsoft.Storage/storageAccounts@2023-05-01",
      "Microsoft.Storage/storageAccounts/tableServices@2023-05-01",
      "Microsoft.Storage/storageAccounts/queueServices@2023-05-01",
      "Microsoft.Authorization/roleAssignments@2022-04-01",
      "Microsoft.KeyVault/vaults@2023-07-01",
      "Microsoft.KeyVault/vaults/secrets@2023-07-01",
      "Microsoft.Web/serverfarms@2023-12-01",
      "Microsoft.Web/sites@2023-12-01",
      "Microsoft.BotService/botServices@2022-09-15",
      "Microsoft.BotService/botServices/channels@2022-09-15",
    ]);
    assert.deepEqual(
      versions.filter((v) => !known.has(v)),
      [],
      "a new resource or version: check it exists, then list it here",
    );
  });
});
