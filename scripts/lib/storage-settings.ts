// Where the scripts find the tables, as the server does: AZURE_STORAGE_CONNECTION_STRING (e.g.
// Azurite), else AZURE_TABLES_URL (signing in as you), with STORAGE_PREFIX.
import type { StorageSettings } from "../../bot/src/storage/client.js";

/**
 * The storage a script works on, or undefined when `source` names none. An environment file
 * (`--env`) describes a deployed environment, whose shared keys are off: only its AZURE_TABLES_URL
 * counts there.
 */
export function storageSettingsFrom(
  source: Record<string, string | undefined>,
  options: { prefix?: string | undefined; envFile?: boolean } = {},
): StorageSettings | undefined {
  const settings: StorageSettings = { prefix: options.prefix ?? source.STORAGE_PREFIX ?? "gf" };
  if (!options.envFile && source.AZURE_STORAGE_CONNECTION_STRING)
    settings.connectionString = source.AZURE_STORAGE_CONNECTION_STRING;
  else if (source.AZURE_TABLES_URL) settings.tablesUrl = source.AZURE_TABLES_URL;
  else return undefined;
  return settings;
}
