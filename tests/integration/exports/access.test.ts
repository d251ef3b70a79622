import assert from "node:assert/strict";
import { parse as parseCsv } from "csv-parse/sync";
import { translator } from "@goal-forecast/core/i18n";
import { startTestApp, type TestApp } from "../../support/app.js";
import { ADMIN, download, MANAGER } from "./download.js";

const goalsIn = (body: Buffer): string[] =>
  (parseCsv(body, { bom: true, delimiter: ";" }) as string[][]).slice(1).map((r) => r[1]!);

describe("who may export what, and bad requests", () => {
  let app: TestApp;

  before(async () => {
    app = await startTestApp();
    await app.stores.register.savePerson({
      id: "p-outsider",
      upn: "outsider@example.org",
      displayName: "Olavi Ulkopuolinen",
    });
  });

  after(async () => {
    await app.close();
  });

  it("gives managers and admins the whole round", async () => {
    for (const person of [MANAGER, ADMIN]) {
      const res = await download(app, "/api/rounds/2020-2/export/summary.csv", person);
      assert.equal(res.status, 200);
      assert.equal(goalsIn(res.body).length, 5);
    }
  });

  it("gives owners and preparers their own goals only, and says so in the document", async () => {
    // Aino Aaltonen owns Digitalisaatio and the Liikkumisohjelma projects; Olli Harju prepares Digitalisaatio.
    const owner = await download(app, "/api/rounds/2020-2/export/summary.csv", "p-aino-aaltonen");
    assert.deepEqual(goalsIn(owner.body), ["Digitalisaatio", "Liikkumisohjelma"]);
    const preparer = await download(app, "/api/rounds/2020-2/export/summary.json", "p-olli-harju");
    const model = preparer.json as { subjects: { subjectId: string }[]; scopeNotes: string[] };
    assert.deepEqual(
      model.subjects.map((s) => s.subjectId),
      ["2020-digitalisaatio"],
    );
    assert.deepEqual(model.scopeNotes, ["Vain tavoitteet, joista vastaat"]);
    const deck = await download(app, "/api/rounds/2020-2/export/deck.pptx", "p-olli-harju");
    assert.equal(deck.status, 200);
    assert.match(
      deck.headers.get("content-disposition") ?? "",
      /filename\*=UTF-8''Ennuste%202-2020%20kalvot%20Digitalisaatio\.pptx/,
    );
  });

  it("shows an owner's own unsent draft to them, marked, and never to the board", async () => {
    const stored = await app.stores.reports.get("2020-2", "2020-palvelutarjotin");
    assert.ok(stored);
    await app.stores.reports.upsertMany([{ ...stored, state: "draft", verdict: "atRisk" }]);
    try {
      const own = (await download(app, "/api/rounds/2020-2/export/summary.json", "p-markus-vuori")).json as {
        groups: { rows: { forecastText: string }[] }[];
      };
      assert.equal(own.groups[0]?.rows[0]?.forecastText, "Ennuste 2/2020: Toteutuminen epävarma (luonnos)");
      const board = (await download(app, "/api/rounds/2020-2/export/summary.json", MANAGER)).json as {
        groups: { rows: { goalId: string; forecastText: string; comments: string }[] }[];
        counts: { submitted: number };
      };
      const row = board.groups.flatMap((g) => g.rows).find((r) => r.goalId === "2020-palvelutarjotin");
      assert.deepEqual([row?.forecastText, row?.comments], ["Ennuste 2/2020: Ei ennustetta", ""]);
      assert.equal(board.counts.submitted, 7);
    } finally {
      await app.stores.reports.upsertMany([stored]);
    }
  });

  it("refuses people with no part in the round, and owners asking for someone else's goal (403)", async () => {
    for (const path of ["summary.xlsx", "summary.csv", "deck.pptx", "summary.json"]) {
      const res = await download(app, `/api/rounds/2020-2/export/${path}`, "p-outsider");
      assert.equal(res.status, 403, path);
      assert.equal((res.json as { error: { code: string } }).error.code, "forbidden");
    }
    const other = await download(
      app,
      "/api/rounds/2020-2/export/deck.pptx?goal=2020-biennaali",
      "p-markus-vuori",
    );
    assert.equal(other.status, 403);
    const anonymous = await download(app, "/api/rounds/2020-2/export/summary.xlsx");
    assert.equal(anonymous.status, 401);
  });

  it("answers bad parameters with 400 in the requester's language, unknown rounds with 404", async () => {
    const cases: [string, number, string?][] = [
      ["/api/rounds/2020-2/export/summary.xlsx?lang=de", 400, "lang"],
      ["/api/rounds/2020-2/export/summary.xlsx?theme=no-such-theme", 400, "theme"],
      ["/api/rounds/2020-2/export/deck.pptx?goal=2019-oodi", 400, "goal"],
      ["/api/rounds/2020-2/export/deck.pptx?goal=bad%20id", 400, "goal"],
      ["/api/rounds/2020-2/export/summary.csv?delimiter=%7C", 400, "delimiter"],
      ["/api/rounds/2020-2/export/summary.xlsx?delimiter=%3B", 400],
      ["/api/rounds/2020-2/export/summary.json?format=pdf", 400],
      ["/api/rounds/2099-1/export/summary.xlsx", 404],
      ["/api/rounds/2020-2/export/summary.pdf", 404],
    ];
    for (const [path, status, field] of cases) {
      const res = await download(app, path, MANAGER);
      assert.equal(res.status, status, path);
      const error = (res.json as { error: { message: string; fields?: { field: string }[] } }).error;
      assert.ok(error.message.length > 0, path);
      if (field)
        assert.ok(
          error.fields?.some((f) => f.field === field),
          `${path}: ${JSON.stringify(error.fields)}`,
        );
    }
    const sv = await download(app, "/api/rounds/2020-2/export/summary.csv?lang=sv&delimiter=x", MANAGER);
    assert.equal(
      (sv.json as { error: { message: string } }).error.message,
      translator("sv")("error.badRequest"),
    );
  });
});
