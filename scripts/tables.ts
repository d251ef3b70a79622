// `npm run tables -- backup --env dev --out backups/2026-03-31`
// `npm run tables -- restore --env dev --from backups/2026-03-31 [--prefix gfrestored] [--overwrite]`
//
// Backs up or restores the product's tables (scripts/lib/table-backup.ts). Where the tables are:
// --env <name> reads AZURE_TABLES_URL and STORAGE_PREFIX from env/.env.<name> (written by provision)
// and signs in as you (DefaultAzureCredential: `az login`; you need the "Storage Table Data Reader"
// role on the account to back up, "Storage Table Data Contributor" to restore). Without --env, the
// environment's AZURE_STORAGE_CONNECTION_STRING (e.g. Azurite) or AZURE_TABLES_URL is used.
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { StorageAccount } from "../bot/src/storage/client.js";
import { storageSettingsFrom } from "./lib/storage-settings.js";
import { loadEnvironment } from "./lib/app-package.js";
import { backupTables, restoreTables, RestoreRefusedError } from "./lib/table-backup.js";

const USAGE = `usage:
  npm run tables -- backup  (--env <name> | with AZURE_TABLES_URL or AZURE_STORAGE_CONNECTION_STRING set) --out <folder>
  npm run tables -- restore (--env <name> | …) --from <folder> [--prefix <table prefix>] [--overwrite]`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      env: { type: "string" },
      out: { type: "string" },
      from: { type: "string" },
      prefix: { type: "string" },
      overwrite: { type: "boolean", default: false },
    },
  });
  const [command] = positionals;
  const source = values.env
    ? loadEnvironment(fileURLToPath(new URL("..", import.meta.url)), values.env)
    : (process.env as Record<string, string | undefined>);
  const settings = storageSettingsFrom(source, { prefix: values.prefix, envFile: values.env !== undefined });
  if (!settings)
    throw new Error(
      `no storage: AZURE_TABLES_URL is empty${values.env ? ` in env/.env.${values.env}` : ""}\n${USAGE}`,
    );
  const account = new StorageAccount(settings);
  const where = settings.tablesUrl ?? "the connection string's account";

  if (command === "backup" && values.out) {
    const manifest = await backupTables(account, values.out);
    console.log(`backed up prefix "${manifest.prefix}" of ${where} to ${values.out}:`, manifest.tables);
  } else if (command === "restore" && values.from) {
    const manifest = await restoreTables(account, values.from, { overwrite: values.overwrite });
    console.log(
      `restored ${values.from} (taken ${manifest.createdAt}, prefix "${manifest.prefix}") into prefix "${settings.prefix}" of ${where}:`,
      manifest.tables,
    );
  } else {
    console.error(USAGE);
    process.exit(2);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof RestoreRefusedError ? `refused: ${error.message}` : error);
  process.exit(1);
});
