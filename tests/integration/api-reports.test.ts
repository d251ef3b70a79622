import assert from "node:assert/strict";
import { startTestApp, type TestApp } from "../support/app.js";

describe("reports API on the demo data", () => {
  let app: TestApp;

  before(async () => {
    app = await startTestApp();
  });

  after(async () => {
    await app.close();
  });

  it("gives a manager the June 2020 overview grouped by theme, with the verdicts and changes since March", async () => {
    const { status, body } = await app.api("/api/rounds/2020-2/overview", { as: "p-jari-toivonen" });
    assert.equal(status, 200);
    const overview = body as {
      summary: {
        total: number;
        counts: Record<string, number>;
        verdicts: Record<string, number>;
        themes: { theme: { id: string }; subjects: { subject: { id: string }; verdict?: string }[] }[];
      };
      changes: { subjectId: string; changedSincePrevious: boolean; previousVerdict?: string }[];
      previousRoundId: string;
    };
    assert.equal(overview.summary.total, 8);
    assert.equal(overview.summary.counts.submitted, 8);
    assert.equal(overview.previousRoundId, "2020-1");
    const seniors = overview.summary.themes
      .flatMap((t) => t.subjects)
      .find((s) => s.subject.id === "2020-liikkumisohjelma-ikaihmiset");
    assert.equal(seniors?.verdict, "notAchieved");
    const change = overview.changes.find((c) => c.subjectId === "2020-liikkumisohjelma-ikaihmiset");
    assert.deepEqual([change?.changedSincePrevious, change?.previousVerdict], [true, "atRisk"]);
  });

  it("shows an owner only the subjects they answer for", async () => {
    const { body } = await app.api("/api/rounds/2020-2/overview", { as: "p-markus-vuori" });
    const ids = (
      body as { summary: { themes: { subjects: { subject: { id: string } }[] }[] } }
    ).summary.themes.flatMap((t) => t.subjects.map((s) => s.subject.id));
    assert.deepEqual(ids, ["2020-palvelutarjotin"]);
  });

  it("answers bad input with a 4xx in the requester's language, never a 500", async () => {
    const cases: [string, { method?: string; body?: unknown; headers?: Record<string, string> }, number][] = [
      ["/api/rounds/2020-2/reports/2020-biennaali", { method: "PUT", body: { action: "publish" } }, 400],
      [
        "/api/rounds/2020-2/reports/2020-biennaali",
        { method: "PUT", body: "{not json", headers: { "content-type": "application/json" } },
        400,
      ],
      ["/api/rounds/..%2F..%2Fetc/reports", {}, 400],
      ["/api/goals?year=abc", {}, 400],
      ["/api/rounds/2099-9", {}, 404],
    ];
    for (const [path, init, expected] of cases) {
      const res = await app.api(path, {
        ...init,
        as: "p-helena-strand",
        headers: { "accept-language": "sv-FI", ...(init.headers ?? {}) },
      });
      assert.equal(res.status, expected, `${init.method ?? "GET"} ${path}`);
      const error = (res.body as { error: { message: string } }).error;
      assert.ok(error.message.length > 0);
    }
    const res = await app.api("/api/goals?year=abc", {
      as: "p-helena-strand",
      headers: { "accept-language": "sv-FI" },
    });
    assert.equal((res.body as { error: { message: string } }).error.message, "Begäran är ogiltig.");
  });

  it("refuses a report save to a frozen round and keeps the stored report", async () => {
    const before = await app.stores.reports.get("2020-2", "2020-palvelutarjotin");
    const res = await app.api("/api/rounds/2020-2/reports/2020-palvelutarjotin", {
      method: "PUT",
      as: "p-markus-vuori",
      body: {
        action: "submit",
        expectedVersion: before?.version,
        report: { narrative: "Muutos", progress: 10, verdict: "onTrack", milestones: [] },
      },
    });
    assert.equal(res.status, 409);
    assert.deepEqual(await app.stores.reports.get("2020-2", "2020-palvelutarjotin"), before);
  });

  it("refuses encoded bodies before parsing them (restify would crash on broken gzip)", async () => {
    const res = await fetch(`${app.url}/api/rounds/2020-2/reports/2020-biennaali`, {
      method: "PUT",
      headers: {
        "content-type": "application/json",
        "content-encoding": "gzip",
        authorization: `Bearer ${await app.tokenFor("p-helena-strand")}`,
      },
      body: "not gzip at all",
    });
    assert.equal(res.status, 415);
    assert.equal((await fetch(`${app.url}/api/health`)).status, 200, "the server is still up");
  });
});
