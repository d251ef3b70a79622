// `npm run package:app -- --env dev`: the Teams app package of one environment, offline, as
// appPackage/build/appPackage.<env>.zip (plus the filled manifest beside it, for reading).
// The same as the toolkit's `teamsapp package --env <env>`, with the schema check done offline.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { buildAppPackage, loadEnvironment, zipAppPackage } from "./lib/app-package.js";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { env: { type: "string", default: "dev" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    console.log(
      "usage: npm run package:app -- --env <dev|local|…>  (reads env/.env.<env> and .env.<env>.user)",
    );
    return;
  }
  const env = values.env;
  if (!/^[a-z0-9][a-z0-9-]*$/i.test(env)) throw new Error(`not an environment name: ${env}`);
  const root = fileURLToPath(new URL("..", import.meta.url));
  const vars = loadEnvironment(root, env, process.env);
  const pkg = await buildAppPackage(root, vars);
  if (pkg.problems.length > 0) {
    console.error(
      `The app package for "${env}" is not valid:\n${pkg.problems.map((p) => `  - ${p}`).join("\n")}`,
    );
    console.error(
      `Fill the variables in env/.env.${env} (see the comments there) or run the toolkit's provision.`,
    );
    process.exit(1);
  }
  const outDir = join(root, "appPackage", "build");
  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, `appPackage.${env}.zip`);
  writeFileSync(zipPath, await zipAppPackage(pkg));
  writeFileSync(join(outDir, `manifest.${env}.json`), pkg.files.get("manifest.json") ?? "");
  console.log(`${zipPath} (${[...pkg.files.keys()].join(", ")})`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
