// Boots the product exactly as `npm start` does (embedded Azurite on disk, demo data, one server)
// and uses it over HTTP; then Ctrl+C must stop everything it started.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../../scripts/lib/azurite.js";

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200) return res;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the server did not become healthy within 60 s");
}

describe("npm start", function () {
  this.timeout(90_000);
  let child: ChildProcess;
  let url: string;
  let dataDir: string;
  let output = "";

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "gf-start-"));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "--no-build"], {
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_PRETTY: "false", LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  });

  after(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("serves /api/health = ok within 60 s with storage checked", async () => {
    const res = await waitForHealth(url, child, 60_000);
    const body = (await res.json()) as { status: string; checks: Record<string, { ok: boolean }> };
    assert.equal(body.status, "ok");
    assert.equal(body.checks.storage?.ok, true);
  });

  it("returns the seeded goals of 2020 with both rounds' reports through the API", async () => {
    const people = (await (await fetch(`${url}/api/dev/people`)).json()) as { id: string; roles: string[] }[];
    const manager = people.find((p) => p.roles.includes("manager"));
    assert.ok(manager, "the demo data has a manager");
    const { token } = (await (
      await fetch(`${url}/api/dev/token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ personId: manager.id }),
      })
    ).json()) as { token: string };
    const get = async (path: string) => {
      const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(res.status, 200, path);
      return res.json() as Promise<unknown>;
    };
    const goals = (await get("/api/goals?year=2020")) as { title: string }[];
    assert.ok(goals.some((g) => g.title === "Liikkumisohjelma"));
    for (const round of ["2020-1", "2020-2"]) {
      const reports = (await get(`/api/rounds/${round}/reports`)) as { state: string }[];
      assert.equal(reports.length, 8, `${round} has the eight 2020 reports`);
      assert.ok(reports.every((r) => r.state === "submitted"));
    }
    const unauthenticated = await fetch(`${url}/api/goals`);
    assert.equal(unauthenticated.status, 401);
  });

  it("stops everything it started on Ctrl+C", async () => {
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGINT");
    assert.equal(await exited, 0, output.slice(-2000));
    await assert.rejects(fetch(`${url}/api/health`));
  });
});
