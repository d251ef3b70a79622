// The admin CLI (`npm run admin -- …`) as a script uses it: a child process talking to a real server
// over HTTP, signed in with the development issuer's token for the demo admin.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Round } from "@goal-forecast/core/domain/model";
import type { RoundProgress } from "../../bot/src/rounds/progress.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { FAST_DISPATCH_ENV, until } from "../support/rounds.js";
import { startTeamsConnector, type TeamsConnector } from "../support/teams-connector.js";
import { TENANT_ID } from "../support/teams-client.js";

const ADMIN = "p-tuuli-rantanen";

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

describe("admin CLI (npm run admin)", function () {
  this.timeout(240_000); // each CLI call is a fresh tsx process: seconds on a loaded machine
  let app: TestApp;
  let connector: TeamsConnector;
  let dir: string;

  const cli = (...args: string[]): Promise<CliResult> =>
    new Promise((resolve) => {
      execFile(
        "npx",
        ["tsx", "scripts/admin.ts", "--url", app.url, ...args],
        { env: { ...process.env, GOAL_FORECAST_TOKEN: "" }, timeout: 60_000 },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
    });
  const json = <T>(r: CliResult): T => {
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as T;
  };

  before(async () => {
    // Nobody in the demo data has met the bot: every check-in is "unreachable", and the service URL
    // for new chats is a local connector, so nothing leaves the machine.
    connector = await startTeamsConnector();
    app = await startTestApp({
      ...FAST_DISPATCH_ENV,
      BOT_TENANT_ID: TENANT_ID,
      TEAMS_SERVICE_URL: connector.url,
      LOG_LEVEL: "warn",
    });
    dir = mkdtempSync(join(tmpdir(), "gf-cli-"));
  });

  after(async () => {
    await app?.close();
    await connector?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("creates, opens, shows the progress of and closes a round", async () => {
    const due = new Date(Date.now() + 20 * 86_400_000).toISOString();
    const created = json<Round>(
      await cli(
        "rounds",
        "create",
        "--as",
        ADMIN,
        "--json",
        "--year",
        "2021",
        "--number",
        "3",
        "--due",
        due,
        "--goals",
        "2021-liikkuminen",
        "--name-fi",
        "Ennuste 3/2021",
        "--name-en",
        "Forecast 3/2021",
      ),
    );
    assert.equal(created.state, "draft");
    assert.deepEqual(created.name, { fi: "Ennuste 3/2021", sv: "Prognos 3/2021", en: "Forecast 3/2021" });

    const opened = await cli("rounds", "open", created.id, "--as", ADMIN, "--lang", "en");
    assert.equal(opened.code, 0, opened.stderr);
    assert.match(opened.stdout, new RegExp(`^${created.id}\\s+open\\s`));

    // Wait (through the API) until the dispatcher has decided every check-in, then ask the CLI.
    await until(
      async () => {
        app.rounds.progress.invalidate(created.id);
        const p = (await app.api(`/api/rounds/${created.id}/progress`, { as: ADMIN })).body as RoundProgress;
        return p.delivery.counts.queued + p.delivery.counts.sending === 0 && p.delivery.problems.length > 0;
      },
      "the check-ins to be decided",
      60_000,
    );
    app.rounds.progress.invalidate(created.id);
    const progress = await cli("rounds", "progress", created.id, "--as", ADMIN);
    assert.equal(progress.code, 0, progress.stderr);
    const viaApi = (await app.api(`/api/rounds/${created.id}/progress`, { as: ADMIN })).body as RoundProgress;
    const { counts, problems } = viaApi.delivery;
    assert.match(
      progress.stdout,
      new RegExp(
        `delivery: .*sent ${counts.sent}, failed ${counts.failed}, unreachable ${counts.unreachable}`,
      ),
    );
    assert.match(progress.stdout, /responses: .*missing \d+/);
    for (const p of problems)
      assert.match(
        progress.stdout,
        new RegExp(`${p.personId}\\s+${p.displayName}\\s+checkin\\s+${p.state}\\s+${p.reason}`),
      );

    const closed = json<Round>(await cli("rounds", "close", created.id, "--as", ADMIN, "--json"));
    assert.equal(closed.state, "closed");
    const stored = await app.stores.rounds.get(created.id);
    assert.equal(stored?.state, "closed");
  });

  it("prints the API's refusal of a transition and exits with an error, changing nothing", async () => {
    const due = new Date(Date.now() + 20 * 86_400_000).toISOString();
    const round = json<Round>(
      await cli("rounds", "create", "--as", ADMIN, "--json", "--year", "2021", "--number", "4", "--due", due),
    );
    // Freezing a round still in preparation is not allowed.
    const refused = await cli("rounds", "freeze", round.id, "--as", ADMIN, "--lang", "en");
    assert.notEqual(refused.code, 0);
    assert.equal(refused.stdout, "");
    const api = await app.api(`/api/rounds/${round.id}/freeze?lang=en`, { method: "POST", as: ADMIN });
    const error = (api.body as { error: { message: string; fields: { message: string }[] } }).error;
    assert.ok(refused.stderr.includes(error.message), refused.stderr);
    assert.ok(refused.stderr.includes(error.fields[0]!.message), refused.stderr);
    assert.match(refused.stderr, /HTTP 4\d\d/);
    assert.equal((await app.stores.rounds.get(round.id))?.state, "draft");

    const unknown = await cli("rounds", "open", "1999-9", "--as", ADMIN, "--lang", "en");
    assert.notEqual(unknown.code, 0);
    assert.match(unknown.stderr, /HTTP 404/);
  });

  it("writes an export to the file named by --out", async () => {
    const xlsx = join(dir, "summary.xlsx");
    const r = await cli("export", "2020-2", "--format", "xlsx", "--lang", "en", "--out", xlsx, "--as", ADMIN);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /wrote .*summary\.xlsx \(\d+ bytes\)/);
    assert.equal(readFileSync(xlsx).subarray(0, 2).toString(), "PK"); // a zip package, as XLSX is
    assert.ok(statSync(xlsx).size > 1000);

    const csv = join(dir, "summary.csv");
    assert.equal(
      (await cli("export", "2020-2", "--format", "csv", "--lang", "en", "--out", csv, "--as", ADMIN)).code,
      0,
    );
    const api = await app.api("/api/rounds/2020-2/export/summary.csv?lang=en", { as: ADMIN });
    // Byte for byte what the server sent, including the BOM Excel needs (fetch's text() drops it).
    const written = readFileSync(csv, "utf8");
    assert.ok(written.startsWith("\uFEFF"));
    assert.equal(written.slice(1), api.body);
  });

  it("lists its commands with --help and refuses unknown ones without calling the server", async () => {
    const help = await cli("--help");
    assert.equal(help.code, 0);
    for (const command of ["rounds list", "rounds create", "rounds progress", "rounds resend", "export"])
      assert.ok(help.stdout.includes(command), command);
    const wrong = await cli("rounds", "explode", "2021-1");
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /unknown command: rounds explode/);
  });
});
