// Reads the deployment files of the repository the way the toolkit and ARM will: env templates,
// teamsapp*.yml, the Bicep (as text: no Bicep compiler can be reached here) and its parameters file.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { placeholdersIn, readEnvFile } from "../../../scripts/lib/app-package.js";

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const read = (path: string): string => readFileSync(join(ROOT, path), "utf8");

/** Marks the part of an env template that provisioning fills in (the rest is set by people). */
const GENERATED_MARKER = "# --- Written by provision";

export interface EnvTemplate {
  values: Record<string, string>;
  /** Names set by people before provisioning (or with committed defaults). */
  userSet: string[];
  /** Names written by provisioning itself. */
  generated: string[];
  /** The whole text, comments included (they document the server settings). */
  text: string;
}

export function envTemplate(name: "dev" | "local"): EnvTemplate {
  const text = read(`env/.env.${name}`);
  const at = text.indexOf(GENERATED_MARKER);
  if (at < 0) throw new Error(`env/.env.${name} has no "${GENERATED_MARKER}" section`);
  const names = (part: string) => Object.keys(readEnvFileText(part));
  return {
    values: readEnvFile(join(ROOT, "env", `.env.${name}`)),
    userSet: names(text.slice(0, at)),
    generated: names(text.slice(at)),
    text,
  };
}

function readEnvFileText(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split("\n")
      .map((line) => /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(line.trim()))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1] as string, ""]),
  );
}

export interface Action {
  uses: string;
  name?: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}

export interface ToolkitProject {
  version: string;
  environmentFolderPath?: string;
  provision: Action[];
  deploy: Action[];
  publish?: Action[];
}

export function toolkitProject(file: "teamsapp.yml" | "teamsapp.local.yml"): ToolkitProject {
  return parseYaml(read(file)) as ToolkitProject;
}

export interface BicepParam {
  name: string;
  type: string;
  default?: string;
}

/** The Bicep, read as text: parameters, outputs and App Service settings (name → value expression). */
export interface Bicep {
  text: string;
  params: BicepParam[];
  outputs: string[];
  appSettings: Map<string, string>;
}

export function bicep(): Bicep {
  const text = read("infra/azure.bicep");
  const params = [...text.matchAll(/^param (\w+) (\w+)(?: = (.+))?$/gm)].map((m) => {
    const param: BicepParam = { name: m[1] as string, type: m[2] as string };
    if (m[3] !== undefined) param.default = m[3].trim();
    return param;
  });
  const outputs = [...text.matchAll(/^output (\w+) /gm)].map((m) => m[1] as string);
  const appSettings = new Map<string, string>();
  for (const m of text.matchAll(
    /\{\s*(?:\/\/[^\n]*\n\s*)*name: '([A-Za-z0-9_]+)'\s*\n\s*value: ([^\n]+)\n\s*\}/g,
  )) {
    appSettings.set(m[1] as string, (m[2] as string).trim());
  }
  return { text, params, outputs, appSettings };
}

/** The ${{VAR}} names a file uses. */
export const placeholdersOf = (path: string): string[] => placeholdersIn(read(path));
