// What a provisioned environment's values look like: the committed env templates with their empty
// entries filled as people and the toolkit would fill them (ids, the web app's address, …).
import { envTemplate } from "./project.js";

const HOST = "goalforecast-4k2j9x1q.azurewebsites.net";
const LOCAL_HOST = "k3x9m2-3978.euw.devtunnels.ms";

const SAMPLES: Record<string, string> = {
  // people, before provisioning
  AZURE_SUBSCRIPTION_ID: "5b6f1c0e-2d3a-4c8e-9f10-1a2b3c4d5e6f",
  AZURE_RESOURCE_GROUP_NAME: "rg-goalforecast",
  DEVELOPER_NAME: "City of Example",
  DEVELOPER_WEBSITE_URL: "https://www.example.org",
  DEVELOPER_PRIVACY_URL: "https://www.example.org/privacy",
  DEVELOPER_TERMS_OF_USE_URL: "https://www.example.org/terms",
  ADMIN_UPNS: "anna.admin@example.org",
  BOT_ENDPOINT: `https://${HOST}`,
  BOT_DOMAIN: HOST,
  // the toolkit
  TEAMS_APP_ID: "0d4b2a8e-6c1f-4e3a-9b7d-2f5e8c1a4b6d",
  AAD_APP_CLIENT_ID: "7a1c3e5f-9b2d-4f6a-8c0e-1d3f5b7a9c2e",
  AAD_APP_OBJECT_ID: "2e4f6a8c-0b1d-4e3f-a5c7-9e1b3d5f7a0c",
  AAD_APP_TENANT_ID: "9c8b7a6f-5e4d-4c3b-a2f1-0e9d8c7b6a5f",
  AAD_APP_OAUTH_AUTHORITY: "https://login.microsoftonline.com/9c8b7a6f-5e4d-4c3b-a2f1-0e9d8c7b6a5f",
  AAD_APP_OAUTH_AUTHORITY_HOST: "https://login.microsoftonline.com",
  AAD_APP_ACCESS_AS_USER_PERMISSION_ID: "4f3e2d1c-0b9a-4876-9543-210fedcba987",
  AZURE_APP_SERVICE_RESOURCE_ID:
    "/subscriptions/5b6f1c0e-2d3a-4c8e-9f10-1a2b3c4d5e6f/resourceGroups/rg-goalforecast/providers/Microsoft.Web/sites/goalforecast-4k2j9x1q",
  TAB_DOMAIN: HOST,
  TAB_ENDPOINT: `https://${HOST}`,
  BOT_ID: "3b5d7f9a-1c2e-4a6b-8d0f-2a4c6e8b0d1f",
  BOT_OBJECT_ID: "6d8f0a2c-4e5b-4c7d-9e1f-3a5c7e9b1d2f",
  BOT_TENANT_ID: "9c8b7a6f-5e4d-4c3b-a2f1-0e9d8c7b6a5f",
  BOT_AZURE_RESOURCE_NAME: "goalforecast-bot-4k2j9x1q",
  AZURE_CLIENT_ID: "3b5d7f9a-1c2e-4a6b-8d0f-2a4c6e8b0d1f",
  AZURE_STORAGE_ACCOUNT_NAME: "goalforecast4k2j9x1qabcde",
  AZURE_TABLES_URL: "https://goalforecast4k2j9x1qabcde.table.core.windows.net",
  AZURE_QUEUES_URL: "https://goalforecast4k2j9x1qabcde.queue.core.windows.net",
  KEY_VAULT_NAME: "goalforecast-kv-4k2j9x1q",
  TEAMS_APP_PUBLISHED_APP_ID: "1e3a5c7e-9b0d-4f2a-8c4e-6a8c0e2b4d6f",
  // secrets (env/.env.<env>.user)
  SECRET_BOT_PASSWORD: "sample~client~secret~not~real",
};

const LOCAL_SAMPLES: Record<string, string> = {
  BOT_ENDPOINT: `https://${LOCAL_HOST}`,
  BOT_DOMAIN: LOCAL_HOST,
  TAB_ENDPOINT: `https://${LOCAL_HOST}`,
  TAB_DOMAIN: LOCAL_HOST,
};

/**
 * The environment after provisioning: template values, empty ones filled with samples, secrets added.
 * Throws naming every variable that has no sample, so a new variable in a template gets one here.
 */
export function provisionedEnvironment(name: "dev" | "local"): Record<string, string> {
  const { values } = envTemplate(name);
  const samples = name === "local" ? { ...SAMPLES, ...LOCAL_SAMPLES } : SAMPLES;
  const missing: string[] = [];
  const filled = Object.fromEntries(
    Object.entries(values).map(([key, value]) => {
      if (value !== "" || key === "APP_NAME_SUFFIX") return [key, value];
      const sample = samples[key];
      if (sample === undefined) missing.push(key);
      return [key, sample ?? ""];
    }),
  );
  if (missing.length > 0) throw new Error(`no sample value for env/.env.${name}: ${missing.join(", ")}`);
  return { ...filled, SECRET_BOT_PASSWORD: samples.SECRET_BOT_PASSWORD as string };
}
