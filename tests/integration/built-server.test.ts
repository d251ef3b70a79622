// The production build runs as built: App Service runs `npm run start:prod`'s command (node on the
// compiled dist/, no tsx), so this builds once (`npm run build`), starts exactly that command on the
// Node this run uses (the project's Node 24; CI runs it on Node 22 too) against the test Azurite,
// and checks /api/health, one bot round trip through the Teams connector stand-in, and that Node
// printed no warning (a deprecation, say) on the way.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../../bot/src/app.js";
import { ServerProcess } from "../support/server-process.js";
import { startTeamsConnector, type TeamsConnector } from "../support/teams-connector.js";
import { TeamsClient } from "../support/teams-client.js";

const root = repoRoot();

/** `npm run start:prod` without npm: the arguments it gives node. */
function startProdArguments(): string[] {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  const [command, ...args] = (pkg.scripts["start:prod"] ?? "").split(/\s+/);
  assert.equal(command, "node", "start:prod runs node directly");
  return args;
}

describe(`the built server on Node ${process.versions.node}`, () => {
  let server: ServerProcess;
  let connector: TeamsConnector;

  before(async function () {
    this.timeout(300_000);
    const build = spawnSync("npm", ["run", "build"], {
      cwd: root,
      encoding: "utf8",
      shell: process.platform === "win32",
    });
    assert.equal(build.status, 0, `npm run build failed:\n${build.stdout}\n${build.stderr}`);
    connector = await startTeamsConnector();
    server = await ServerProcess.start(
      { NODE_ENV: "production", LOG_LEVEL: "info" },
      { entry: startProdArguments() },
    );
  });

  after(async () => {
    await server?.stop();
    await connector?.stop();
  });

  it("answers /api/health with storage checked", async () => {
    const res = await server.api("/api/health");
    assert.equal(res.status, 200, server.logTail());
    assert.equal((res.body as { status?: string }).status, "ok");
  });

  it("answers a Teams message with a reply through the connector", async () => {
    const teams = new TeamsClient(server.url, connector);
    const user = teams.user({ key: "built", upn: "someone@example.org", name: "Sanna Someone" });
    const answer = await teams.say(user, "help", "en-US");
    assert.equal(answer.status, 200, server.logTail());
    assert.equal(answer.replies.length, 1, server.logTail());
    // Someone the register does not know is told so, in their language.
    assert.match(String(answer.replies[0]?.text), /I don't find you among the goal owners/);
  });

  it("starts without a warning from Node (no deprecation, no experimental feature)", () => {
    const warnings = server.stderr().filter((line) => /warning|DEP\d{4}/i.test(line));
    assert.deepEqual(warnings, [], server.stderr().join("\n"));
  });
});
