// Builds the Teams app package the way the Agents Toolkit's teamsApp/zipAppPackage does: reads
// env/.env.<env> (+ .user), fills the ${{VAR}} placeholders of appPackage/manifest.json and its
// localization files, checks the result against the official JSON schemas bundled with
// @microsoft/app-manifest (offline) and zips manifest, icons and localization files.
// Used by scripts/package-app.ts (`npm run package:app -- --env dev`) and by the tests.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { parseEnv } from "node:util";
import { AppManifestUtils, type AppManifest } from "@microsoft/app-manifest";
import ajvDraft04 from "ajv-draft-04";
import ajvFormats from "ajv-formats";
import JSZip from "jszip";

export const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Reads one dotenv file (the toolkit's format); a missing file is an empty one. */
export function readEnvFile(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  return parseEnv(readFileSync(path, "utf8")) as Record<string, string>;
}

/**
 * The variables of one toolkit environment: env/.env.<env>, then env/.env.<env>.user (secrets),
 * then TEAMSFX_ENV. `fallback` (e.g. process.env) only fills names the files do not define.
 */
export function loadEnvironment(
  root: string,
  env: string,
  fallback: Record<string, string | undefined> = {},
): Record<string, string> {
  const files = {
    ...readEnvFile(join(root, "env", `.env.${env}`)),
    ...readEnvFile(join(root, "env", `.env.${env}.user`)),
  };
  const fromFallback = Object.fromEntries(
    Object.entries(fallback).filter(([k, v]) => v !== undefined && !(k in files)),
  ) as Record<string, string>;
  return { ...fromFallback, ...files, TEAMSFX_ENV: env };
}

/** Names of the ${{VAR}} placeholders in a text, in order of first appearance. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string))];
}

/** The one variable the toolkit lets be empty (its other placeholders must have a value). */
const MAY_BE_EMPTY = new Set(["APP_NAME_SUFFIX"]);

/**
 * Replaces ${{VAR}} with its value, as the toolkit does: an undefined variable, or an empty one other
 * than APP_NAME_SUFFIX, is left in place and reported.
 */
export function fillPlaceholders(
  text: string,
  vars: Record<string, string>,
): { text: string; missing: string[]; empty: string[] } {
  const names = placeholdersIn(text);
  const missing = names.filter((name) => vars[name] === undefined);
  const empty = names.filter((name) => vars[name] === "" && !MAY_BE_EMPTY.has(name));
  const filled = text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = vars[name];
    return value === undefined || (value === "" && !MAY_BE_EMPTY.has(name)) ? whole : value;
  });
  return { text: filled, missing, empty };
}

const schemaDir = join(
  dirname(createRequire(import.meta.url).resolve("@microsoft/app-manifest/package.json")),
  "build",
  "json-schemas",
);

/** The bundled copy of a developer.microsoft.com Teams schema URL, or an error naming what is missing. */
export function bundledSchema(url: string): object {
  const match = /\/json-schemas\/(teams\/[^/]+\/[^/]+\.json)$/.exec(url);
  if (!match?.[1]) throw new Error(`not a Teams schema URL: ${url}`);
  const file = join(schemaDir, match[1]);
  if (!existsSync(file)) {
    throw new Error(`@microsoft/app-manifest does not bundle ${match[1]}; pick a bundled version`);
  }
  // The published schemas contain \a and \v escapes that JSON does not allow (the package does the same).
  return JSON.parse(
    readFileSync(file, "utf8").replace(/\\a/g, "\\u0007").replace(/\\v/g, "\\u000b"),
  ) as object;
}

/** Schema errors of a manifest or localization file against the schema its $schema names (offline). */
export async function schemaErrors(document: object): Promise<string[]> {
  const url = (document as { $schema?: unknown }).$schema;
  if (typeof url !== "string") return ["$schema is missing"];
  const schema = bundledSchema(url);
  if (/Localization\.schema\.json$/.test(url)) return localizationErrors(document, schema);
  return AppManifestUtils.validateAgainstSchema(
    document as unknown as AppManifest,
    schema as Parameters<typeof AppManifestUtils.validateAgainstSchema>[1],
  );
}

/**
 * The localization schemas have a pattern (`…\b]\.description$`) that is not a valid regular
 * expression in Unicode mode, which AppManifestUtils' ajv uses, so it cannot compile them: these are
 * checked by the same ajv (draft-04 + formats) with Unicode patterns off, as JSON Schema intends.
 */
function localizationErrors(document: object, schema: object): string[] {
  // Both packages are CommonJS with `exports.default`: under NodeNext the class is on `.default`.
  const ajv = new ajvDraft04.default({ allErrors: true, strictTypes: false, unicodeRegExp: false });
  ajvFormats.default(ajv, ["uri", "email", "regex"]);
  const validate = ajv.compile(schema);
  if (validate(document)) return [];
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath} ${e.message ?? ""}. Details: ${JSON.stringify(e.params)}`,
  );
}

export interface AppPackage {
  manifest: Record<string, unknown> & { $schema?: string };
  /** File name in the zip → content. */
  files: Map<string, Buffer>;
  /** Problems that make the package unusable: undefined variables, schema errors, missing files. */
  problems: string[];
}

interface LocalizationInfo {
  additionalLanguages?: { languageTag: string; file: string }[];
}

/** Fills and checks the package of one environment; never throws for bad content, lists problems. */
export async function buildAppPackage(root: string, vars: Record<string, string>): Promise<AppPackage> {
  const dir = join(root, "appPackage");
  const problems: string[] = [];
  const files = new Map<string, Buffer>();

  const fill = (name: string): string => {
    const { text, missing, empty } = fillPlaceholders(readFileSync(join(dir, name), "utf8"), vars);
    for (const variable of missing)
      problems.push(`${name}: \${{${variable}}} is not defined in the env files`);
    for (const variable of empty) problems.push(`${name}: \${{${variable}}} is empty in the env files`);
    return text;
  };

  const manifest = JSON.parse(fill("manifest.json")) as AppPackage["manifest"];
  for (const error of await schemaErrors(manifest)) problems.push(`manifest.json${error}`);
  files.set("manifest.json", Buffer.from(JSON.stringify(manifest, null, 2)));

  const icons = (manifest.icons ?? {}) as Record<string, string>;
  for (const icon of Object.values(icons)) {
    if (existsSync(join(dir, icon))) files.set(icon, readFileSync(join(dir, icon)));
    else problems.push(`${icon}: icon file is missing`);
  }

  const languages = (manifest.localizationInfo as LocalizationInfo | undefined)?.additionalLanguages ?? [];
  for (const { file } of languages) {
    if (!existsSync(join(dir, file))) {
      problems.push(`${file}: localization file is missing`);
      continue;
    }
    const localization = JSON.parse(fill(file)) as { $schema?: string };
    for (const error of await schemaErrors(localization)) problems.push(`${file}${error}`);
    files.set(file, Buffer.from(JSON.stringify(localization, null, 2)));
  }
  return { manifest, files, problems };
}

/** The zip Teams accepts: every file at the root of the archive. */
export async function zipAppPackage(pkg: AppPackage): Promise<Buffer> {
  const zip = new JSZip();
  // A fixed date keeps the archive identical for identical content.
  const date = new Date("2020-01-01T00:00:00Z");
  for (const [name, content] of pkg.files) zip.file(name, content, { date });
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}
