// `npm run stage:azure` (after `npm run build`): the folder App Service runs, .deploy/, holding the
// built server and tab (dist/), package.json, the lockfile and the production dependencies only.
// teamsapp.yml's deploy zips it (azureAppService/zipDeploy) and App Service runs it as is
// (WEBSITE_RUN_FROM_PACKAGE=1, `node --conditions=production dist/bot/src/main.js`), so nothing is built on the server.
//
// Everything the server reads at run time must be under dist/ (scripts/copy-assets.mjs copies the
// non-TypeScript files) or come from a production dependency.
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const stage = join(root, ".deploy");

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

for (const built of ["dist/bot/src/main.js", "dist/tab/index.html", "core/dist/domain/model.js"]) {
  if (!existsSync(join(root, built))) fail(`${built} is missing: run \`npm run build\` first`);
}

rmSync(stage, { recursive: true, force: true });
mkdirSync(stage);
cpSync(join(root, "dist"), join(stage, "dist"), {
  recursive: true,
  // Source maps help only a debugger; leave them out of the package.
  filter: (src) => !src.endsWith(".map"),
});
cpSync(join(root, "package-lock.json"), join(stage, "package-lock.json"));
// The shared package (domain, contract, locales) as built: npm links it into node_modules as a workspace.
cpSync(join(root, "core", "dist"), join(stage, "core", "dist"), {
  recursive: true,
  filter: (src) => !src.endsWith(".map"),
});
cpSync(join(root, "core", "package.json"), join(stage, "core", "package.json"));

// The tab's libraries (React, Fluent UI, teams-js, …) are bundled into dist/tab by Vite; the server
// never loads them. A dependency that no file of the built server names, not even as a string (pino's
// transports are named that way), is left out: that takes the package from ~820 MB to a fraction.
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
};
const serverCode: string[] = [];
const collect = (dir: string): void => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path);
    else if (name.endsWith(".js")) serverCode.push(readFileSync(path, "utf8"));
  }
};
collect(join(stage, "dist", "bot"));
collect(join(stage, "core", "dist"));
const named = (dep: string): boolean =>
  serverCode.some(
    (code) => code.includes(`"${dep}"`) || code.includes(`"${dep}/`) || code.includes(`'${dep}`),
  );
const dependencies = Object.fromEntries(Object.entries(pkg.dependencies ?? {}).filter(([dep]) => named(dep)));
const omitted = Object.keys(pkg.dependencies ?? {}).filter((dep) => !(dep in dependencies));
writeFileSync(
  join(stage, "package.json"),
  // No optionalDependencies: those bring the development Node binary, and App Service runs its own.
  JSON.stringify(
    { ...pkg, dependencies, devDependencies: {}, optionalDependencies: {}, scripts: {} },
    null,
    2,
  ),
);

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
// `install` (not `ci`): the trimmed package.json no longer matches the lockfile, whose versions it keeps.
// No install scripts: they would build native addons for this machine, not for App Service's Linux
// (today only restify's optional dtrace-provider has one, and restify runs without it).
const install = spawnSync(npm, ["install", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund"], {
  cwd: stage,
  stdio: "inherit",
  shell: process.platform === "win32",
});
if (install.status !== 0) fail("npm install --omit=dev failed in .deploy/");
console.log(
  `left out (not named by the built server; the tab bundles what it uses): ${omitted.join(", ") || "nothing"}`,
);

// App Service runs Linux x64: a native addon built on another system would not load there.
const natives: string[] = [];
const walk = (dir: string): void => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith(".node")) natives.push(relative(stage, path));
  }
};
walk(join(stage, "node_modules"));
if (natives.length > 0 && process.platform !== "linux") {
  console.warn(
    `warning: binary addons in the production dependencies may not load on App Service (Linux x64); stage on Linux (CI) if the app fails to start:\n  ${natives.join("\n  ")}`,
  );
}
console.log(
  `staged ${relative(root, stage)}/ for App Service${natives.length ? ` (native: ${natives.join(", ")})` : ""}`,
);
