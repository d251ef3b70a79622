// The admin's import and edit routes on the real server and Azurite: what a broken file answers (and
// that it writes nothing), what a good one writes (read back through the API), and who may do it.
import assert from "node:assert/strict";
import type { Goal } from "@goal-forecast/core/domain/model";
import { registerTables, writeCsv, writeXlsx } from "../../../bot/src/import/template.js";
import { StorageUnavailableError } from "../../../bot/src/storage/index.js";
import { startTestApp, type TestApp } from "../../support/app.js";
import { goals, people, report, round, themes } from "../../support/fixtures.js";
import { csv, multipart, workbook } from "../../support/import-files.js";

interface ImportAnswer {
  status: number;
  body: {
    imported?: Record<string, number>;
    created?: Record<string, number>;
    warnings?: { code: string; message: string }[];
    message?: string;
    importId?: string;
    error?: {
      code: string;
      message: string;
      rows?: { row?: number; column?: string; code: string; message: string; table?: string }[];
      fields?: { field: string; code: string; message: string }[];
    };
  };
}

describe("admin: register import and edits over the API", function () {
  this.timeout(60_000);
  let app: TestApp;
  let admin: string;
  let owner: string;
  let manager: string;

  before(async () => {
    app = await startTestApp({ SEED_DEMO_DATA: "false" });
    await app.stores.register.saveRegister({ themes, people, goals });
    await app.stores.rounds.create(
      round({ id: "2026-0", number: 1, state: "closed", name: { fi: "Ennuste 0/2026" } }),
    );
    admin = await app.tokenFor("p-admin");
    owner = await app.tokenFor("p-owner");
    manager = await app.tokenFor("p-mgr");
  });

  after(async () => {
    await app.close();
  });

  async function upload(
    path: string,
    bytes: Buffer,
    options: { token?: string; contentType?: string; lang?: string } = {},
  ): Promise<ImportAnswer> {
    const res = await fetch(`${app.url}${path}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${options.token ?? admin}`,
        "content-type": options.contentType ?? "text/csv",
        ...(options.lang ? { "accept-language": options.lang } : {}),
      },
      body: bytes,
    });
    return { status: res.status, body: (await res.json()) as ImportAnswer["body"] };
  }

  /** Everything an import could touch, to prove a refused one changed nothing. */
  async function snapshot(): Promise<string> {
    const register = await app.stores.register.load();
    const rounds = await app.stores.rounds.list();
    const reports = await Promise.all(rounds.map((r) => app.stores.reports.listByRound(r.id)));
    const audit = await app.stores.audit.month(new Date().toISOString().slice(0, 7));
    return JSON.stringify({ register, rounds, reports, audit: audit.length });
  }

  const brokenFiles = async (): Promise<{ bytes: Buffer; contentType: string }> =>
    multipart({
      "goals.csv": csv([
        ["year", "goal_id", "theme", "title", "text", "owners"],
        [2026, "g-new", "toimivin", "Uusi", "Teksti", "owner@example.org"],
        [2026, "g-bad-theme", "Ei tällaista", "B", "Teksti", ""],
        [2026, "g-new", "toimivin", "Tupla", "Teksti", "owner@example.org"],
      ]),
      "milestones.csv": csv([
        ["goal_id", "milestone", "target_kind", "target_value"],
        ["g-new", "Kattavuus", "percent", "140"],
      ]),
    });

  it("refuses a broken file with row-level errors in the requester's language and writes nothing", async () => {
    const before = await snapshot();
    const { bytes, contentType } = await brokenFiles();
    const messages: Record<string, string[]> = {};
    for (const lang of ["fi", "sv", "en"]) {
      const answer = await upload(`/api/admin/import/register?format=csv&lang=${lang}`, bytes, {
        contentType,
      });
      assert.equal(answer.status, 400);
      assert.equal(answer.body.error?.code, "badRequest");
      assert.deepEqual(
        answer.body.error?.rows?.map((r) => [r.table, r.row, r.column, r.code]),
        [
          ["goals.csv", 3, "theme", "unknownTheme"],
          ["goals.csv", 3, "owners", "ownersCount"],
          ["goals.csv", 4, "goal_id", "duplicateGoal"],
          ["milestones.csv", 2, "target_value", "percentOutOfRange"],
        ],
      );
      messages[lang] = [answer.body.error!.message, ...answer.body.error!.rows!.map((r) => r.message)];
    }
    assert.match(messages.fi![0]!, /Mitään ei tallennettu/);
    assert.match(messages.sv![0]!, /Inget sparades/);
    assert.match(messages.en![0]!, /Nothing was saved/);
    assert.match(messages.fi![1]!, /^goals\.csv, rivi 3, sarake Teema: Teemaa ”Ei tällaista” ei löydy/);
    assert.match(messages.sv![3]!, /rad 4, kolumn Målets id: Målets id g-new har angetts mer än en gång/);
    assert.match(
      messages.en![4]!,
      /row 2, column Target value: A percent target must be above 0 and at most 100 \(now 140\)/,
    );
    assert.equal(await snapshot(), before);
  });

  it("refuses a wrong delimiter and a mixed encoding row by row, writing nothing", async () => {
    const before = await snapshot();
    const wrongDelimiter = Buffer.from(
      "year;goal_id;theme;title;text;owners\n2026;g-x;toimivin;X;Teksti;owner@example.org\n2026,g-y,toimivin,Y,Teksti,owner@example.org\n",
    );
    const a = await upload("/api/admin/import/register?format=csv&lang=en", wrongDelimiter);
    assert.equal(a.status, 400);
    assert.deepEqual(
      a.body.error?.rows?.map((r) => [r.row, r.code]),
      [[3, "columnCount"]],
    );
    const mixed = Buffer.concat([
      Buffer.from(
        "year;goal_id;theme;title;text;owners\n2026;g-x;toimivin;Ympäristö;Teksti;owner@example.org\n",
      ),
      Buffer.from("2026;g-y;toimivin;Työ;Teksti;owner@example.org\n", "latin1"),
    ]);
    const b = await upload("/api/admin/import/register?format=csv&lang=fi", mixed);
    assert.equal(b.status, 400);
    assert.deepEqual(
      b.body.error?.rows?.map((r) => [r.row, r.code]),
      [[3, "encodingMixed"]],
    );
    assert.match(b.body.error!.rows![0]!.message, /kahta merkistöä \(rivistä 3 alkaen\)/);
    assert.equal(await snapshot(), before);
  });

  it("imports a Latin-1 CSV from Excel with ä and ö intact", async () => {
    const text =
      "year;goal_id;theme;title;text;owners\r\n2026;g-latin;Uudistuvat palvelut;Lähiöiden liikunta;Yhteistyö ja Åbo;owner2@example.org\r\n";
    const answer = await upload("/api/admin/import/register?format=csv&lang=fi", Buffer.from(text, "latin1"));
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(
      answer.body.warnings?.map((w) => w.code),
      ["encodingConverted"],
    );
    const goal = (await app.api("/api/goals/g-latin", { token: admin })).body as Goal;
    assert.equal(goal.title, "Lähiöiden liikunta");
    assert.equal(goal.text, "Yhteistyö ja Åbo");
    assert.equal(goal.themeId, "palvelut");
  });

  it("imports a good XLSX (people, goals, projects, milestones) that reads back through the API", async () => {
    const bytes = await workbook({
      Ohjeet: [["Tavoitteet 2027: täytä välilehdet."]],
      Henkilöt: [
        ["Käyttäjätunnus (UPN)", "Nimi", "Kieli", "Esihenkilö"],
        ["uusi.omistaja@example.org", "Uusi Omistaja", "sv", "mgr@example.org"],
      ],
      Tavoitteet: [
        [
          "Vuosi",
          "Tavoitteen tunnus",
          "Projektin tunnus",
          "Teema",
          "Otsikko",
          "Teksti",
          "Toimenpiteet",
          "Palautumismittari",
          "Omistajat",
          "Valmistelijat",
        ],
        [
          2027,
          "g-2027",
          undefined,
          "Maailman toimivin kaupunki",
          "Palvelut",
          "Palveluja parannetaan",
          "Kartoitus\nToteutus",
          "kyllä",
          "uusi.omistaja@example.org",
          "prep@example.org",
        ],
        [
          undefined,
          "g-2027",
          "g-2027-a",
          undefined,
          "Ikäihmiset",
          undefined,
          undefined,
          undefined,
          undefined,
          undefined,
        ],
      ],
      Välitavoitteet: [
        [
          "Tavoitteen tunnus",
          "Projektin tunnus",
          "Järjestys",
          "Välitavoite",
          "Tavoitteen tyyppi",
          "Tavoitearvo",
          "Yksikkö",
        ],
        ["g-2027", "g-2027-a", 1, "Palvelutorit toteutettu", "kpl", 4, "palvelutoria"],
        ["g-2027", "g-2027-a", 2, "Tyytyväisyys", "prosentti", { formula: "40+40", result: 80 }, undefined],
      ],
    });
    const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    const before = await snapshot();
    const dry = await upload("/api/admin/import/register?dryRun=true", bytes, { contentType: xlsxType });
    assert.equal(dry.status, 200, JSON.stringify(dry.body));
    assert.deepEqual(dry.body.imported, { themes: 0, people: 1, goals: 1, projects: 1, milestones: 2 });
    assert.equal(await snapshot(), before, "a dry run writes nothing");

    const answer = await upload("/api/admin/import/register?format=xlsx&lang=en", bytes, {
      contentType: xlsxType,
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(answer.body.created, { goals: 1, people: 1, themes: 0 });
    assert.deepEqual(answer.body.warnings?.map((w) => w.code).sort(), ["formulaValue", "sheetIgnored"]);
    assert.match(answer.body.message!, /Imported: goals 1, projects 1, milestones 2, people 1/);

    const goal = (await app.api("/api/goals/g-2027", { token: admin })).body as Goal;
    assert.equal(goal.year, 2027);
    assert.equal(goal.themeId, "toimivin");
    assert.deepEqual(goal.actions, ["Kartoitus", "Toteutus"]);
    assert.equal(goal.recoveryIndicator, true);
    assert.deepEqual(goal.ownerIds, ["p-uusi-omistaja"]);
    assert.deepEqual(goal.preparerIds, ["p-prep"]);
    assert.deepEqual(
      goal.projects.map((p) => [p.id, p.ownerIds, p.milestones.map((m) => [m.id, m.target])]),
      [
        [
          "g-2027-a",
          [],
          [
            ["m1", { kind: "count", value: 4, unit: "palvelutoria" }],
            ["m2", { kind: "percent", value: 80 }],
          ],
        ],
      ],
    );
    const people = (await app.api("/api/people", { token: admin })).body as {
      id: string;
      language?: string;
      managerId?: string;
    }[];
    assert.deepEqual(
      people.find((p) => p.id === "p-uusi-omistaja"),
      {
        id: "p-uusi-omistaja",
        upn: "uusi.omistaja@example.org",
        displayName: "Uusi Omistaja",
        language: "sv",
        managerId: "p-mgr",
      },
    );
    // The new owner can sign in and sees the goal as theirs (the project has no owners of its own).
    const own = await app.api("/api/goals?year=2027", { as: "p-uusi-omistaja" });
    assert.deepEqual(
      (own.body as Goal[]).map((g) => g.id),
      ["g-2027"],
    );
    const audit = await app.stores.audit.forTarget("register", [new Date().toISOString().slice(0, 7)]);
    assert.equal(audit[0]?.action, "import.register");
    assert.equal(audit[0]?.by, "p-admin");
    assert.equal((audit[0]?.details as { importId?: string }).importId, answer.body.importId);
    // What the file added, as the audit reads it: the new goal and person, by id.
    assert.equal(audit[0]?.channel, "import");
    const fields = audit[0]?.changes?.map((c) => c.field) ?? [];
    assert.ok(fields.includes("goals.g-2027"), fields.join(", "));
    assert.ok(fields.includes("people.p-uusi-omistaja"), fields.join(", "));
    assert.equal(audit[0]?.changes?.find((c) => c.field === "goals.g-2027")?.from, undefined);
  });

  it("imports the register it exports as CSV files in one multipart upload", async () => {
    const register = await app.stores.register.load();
    const tables = registerTables(register);
    const { bytes, contentType } = await multipart(
      Object.fromEntries(tables.map((t) => [`${t.kind}.csv`, writeCsv(t, "fi")])),
    );
    const before = await app.stores.register.load();
    const answer = await upload("/api/admin/import/register", bytes, { contentType });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(answer.body.created, { goals: 0, people: 0, themes: 0 });
    assert.deepEqual(await app.stores.register.load(), before, "re-importing the export changes nothing");
    const xlsx = await writeXlsx(tables);
    assert.equal(
      (await upload("/api/admin/import/register", xlsx, { contentType: "application/octet-stream" })).status,
      200,
    );
  });

  it("gives the register as a workbook to edit, which imports back unchanged", async () => {
    const res = await fetch(`${app.url}/api/admin/import/register.xlsx?year=2026&headers=sv`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-disposition") ?? "", /register-2026\.xlsx/);
    const bytes = Buffer.from(await res.arrayBuffer());
    const before = await app.stores.register.load();
    const answer = await upload("/api/admin/import/register", bytes, {
      contentType: res.headers.get("content-type") ?? "",
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.body.created?.goals, 0);
    assert.deepEqual(await app.stores.register.load(), before);
  });

  it("answers 503 when storage fails midway, keeps the import and completes it on resume", async () => {
    const register = app.stores.register;
    const original = register.saveRegister.bind(register);
    // Storage gets the first goal out, then the connection drops.
    register.saveRegister = async (changes) => {
      await register.saveGoal(changes.goals![0]!);
      throw new StorageUnavailableError("connection reset");
    };
    const rows = [1, 2].map((n) => [
      2026,
      `g-cut-${n}`,
      "toimivin",
      `Katkos ${n}`,
      "Teksti",
      "owner@example.org",
    ]);
    const file = csv([["year", "goal_id", "theme", "title", "text", "owners"], ...rows]);
    let answer: ImportAnswer;
    try {
      answer = await upload("/api/admin/import/register?format=csv&lang=en", file);
    } finally {
      register.saveRegister = original;
    }
    assert.equal(answer.status, 503);
    assert.match(answer.body.error!.message, /The import is kept and will be completed automatically/);
    assert.equal((await app.api("/api/goals/g-cut-2", { token: admin })).status, 404);

    const audit = await app.stores.audit.forTarget("register", [new Date().toISOString().slice(0, 7)]);
    assert.equal((audit[0]?.details as { state?: string }).state, "interrupted");

    const resumed = await app.api("/api/admin/import/resume", { method: "POST", token: admin });
    assert.deepEqual((resumed.body as { resumed: number }).resumed, 1);
    assert.equal((await app.api("/api/goals/g-cut-2", { token: admin })).status, 200);
  });

  it("refuses a file over 10 MB with 413 and a clear message, before reading it", async () => {
    const huge = Buffer.alloc(11 * 1024 * 1024, "a;");
    const answer = await upload("/api/admin/import/register?format=csv&lang=en", huge);
    assert.equal(answer.status, 413);
    assert.match(
      answer.body.error!.message,
      /The file is too large \(11\.0 MB\); at most 10 MB can be imported at once/,
    );
    const beyond = await upload(
      "/api/admin/import/register?format=csv&lang=sv",
      Buffer.alloc(13 * 1024 * 1024, "a"),
    );
    assert.equal(beyond.status, 413);
    assert.equal(beyond.body.error?.message, "Begäran är för stor.");
  });

  it("imports round history from JSON, and refuses history for an open round", async () => {
    const history = {
      rounds: [
        round({
          id: "2026-h1",
          state: "frozen",
          goalIds: ["g-digi"],
          name: { fi: "Ennuste 1/2026 (vanha)" },
        }),
      ],
      reports: [report({ roundId: "2026-h1", narrative: "Historiaa: ääkköset säilyvät." })],
    };
    const bytes = Buffer.from(JSON.stringify(history));
    const answer = await upload("/api/admin/import/history", bytes, { contentType: "application/json" });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(answer.body.imported, { rounds: 1, reports: 1 });
    const read = await app.api("/api/rounds/2026-h1/reports/g-digi", { token: admin });
    assert.equal(read.status, 200);
    assert.match(JSON.stringify(read.body), /Historiaa: ääkköset säilyvät\./);

    const before = await snapshot();
    const bad = {
      rounds: [round({ id: "2025-2", year: 2025, number: 2, state: "open" })],
      reports: [
        report({ roundId: "2025-2" }),
        report({ roundId: "2026-h1", subjectId: "g-ghost", goalId: "g-ghost" }),
        report({ roundId: "2026-h1", progress: 60, verdict: undefined }),
      ],
    };
    const refused = await upload("/api/admin/import/history?lang=en", Buffer.from(JSON.stringify(bad)), {
      contentType: "application/json",
    });
    assert.equal(refused.status, 400);
    assert.deepEqual(
      refused.body.error?.rows?.map((r) => [r.table, r.row, r.column, r.code]),
      [
        ["rounds", 1, "state", "roundNotClosed"],
        ["rounds", 1, "goalIds.0", "roundYearMismatch"],
        ["rounds", 1, "goalIds.1", "roundYearMismatch"],
        ["reports", 1, "roundId", "roundNotClosed"],
        ["reports", 2, "subjectId", "unknownSubject"],
        ["reports", 3, "verdict", "reportInvalid"],
      ],
    );
    assert.match(refused.body.error!.rows![5]!.message, /The report is not valid: This is required\./);
    assert.equal(await snapshot(), before);
  });

  it("never rewrites or unfreezes a frozen round from a history file (409, nothing written)", async () => {
    const frozen = round({
      id: "2026-h2",
      state: "frozen",
      goalIds: ["g-digi"],
      name: { fi: "Ennuste 2/2026" },
    });
    const submitted = report({ roundId: "2026-h2", narrative: "Lopullinen." });
    const first = { rounds: [frozen], reports: [submitted] };
    const json = (v: unknown): Buffer => Buffer.from(JSON.stringify(v));
    const post = (v: unknown, lang = "en"): Promise<ImportAnswer> =>
      upload(`/api/admin/import/history?lang=${lang}`, json(v), { contentType: "application/json" });
    assert.equal((await post(first)).status, 200);

    // The same file again is harmless: nothing to write.
    const before = await snapshot();
    const again = await post(first);
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.deepEqual(again.body.imported, { rounds: 0, reports: 0 });

    const rewritten = await post({ rounds: [], reports: [{ ...submitted, narrative: "Toisin." }] });
    assert.equal(rewritten.status, 409);
    assert.match(
      rewritten.body.error!.message,
      /^The round 2026-h2 is frozen: its state and reports can no longer be changed/,
    );
    assert.deepEqual(
      rewritten.body.error?.rows?.map((r) => [r.table, r.row, r.code]),
      [["reports", 1, "roundIsFrozen"]],
    );
    const unfrozen = await post({ rounds: [{ ...frozen, state: "closed" }], reports: [] }, "sv");
    assert.equal(unfrozen.status, 409);
    assert.match(unfrozen.body.error!.message, /^Omgången 2026-h2 är låst/);
    assert.equal(await snapshot(), before);

    // And so the round is still frozen: reopening it says why not.
    const reopen = await app.api("/api/rounds/2026-h2/reopen?lang=en", { method: "POST", token: admin });
    assert.equal(reopen.status, 409);
    assert.equal(
      (reopen.body as ImportAnswer["body"]).error?.message,
      "The round cannot be reopened because it is frozen.",
    );
    assert.equal(await snapshot(), before);
  });

  it("lets an admin edit a goal (checked like an import, audited), not what a frozen round reported on", async () => {
    const goal = (await app.api("/api/goals/g-move", { token: admin })).body as Goal;
    const edited = { ...goal, title: "Liikkumisohjelma 2026", ownerIds: ["p-owner", "p-owner2"] };
    const saved = await app.api("/api/goals/g-move", { method: "PUT", token: admin, body: edited });
    assert.equal(saved.status, 200);
    assert.equal(
      ((await app.api("/api/goals/g-move", { token: admin })).body as Goal).title,
      "Liikkumisohjelma 2026",
    );
    const audit = await app.stores.audit.forTarget("goal:g-move", [new Date().toISOString().slice(0, 7)]);
    // Field by field, with the values before and after.
    assert.deepEqual(audit[0]?.changes, [
      { field: "title", from: "Liikkumisohjelma", to: "Liikkumisohjelma 2026" },
      { field: "ownerIds", from: ["p-owner2"], to: ["p-owner", "p-owner2"] },
    ]);
    assert.equal(audit[0]?.channel, "api");

    // g-digi was reported on in a frozen round: its wording stays, who owns it may still change.
    await app.stores.rounds.upsertMany([
      round({
        id: "2026-f1",
        state: "frozen",
        goalIds: ["g-digi"],
        name: { fi: "Ennuste 1/2026 (lukittu)" },
      }),
    ]);
    const digi = (await app.api("/api/goals/g-digi", { token: admin })).body as Goal;
    const storedBefore = await snapshot();
    const retitled = await app.api("/api/goals/g-digi?lang=en", {
      method: "PUT",
      token: admin,
      body: { ...digi, title: "Digitalisaatio ja data" },
    });
    assert.equal(retitled.status, 409);
    assert.equal(
      (retitled.body as ImportAnswer["body"]).error?.message,
      "The goal g-digi belongs to the frozen round 2026-f1: its title, text, projects and milestones can no longer be changed.",
    );
    assert.equal(await snapshot(), storedBefore);
    const reowned = await app.api("/api/goals/g-digi", {
      method: "PUT",
      token: admin,
      body: { ...digi, ownerIds: ["p-owner2"] },
    });
    assert.equal(reowned.status, 200);

    const bad = await app.api("/api/goals/g-move?lang=en", {
      method: "PUT",
      token: admin,
      body: { ...edited, themeId: "nope", ownerIds: ["p-owner", "p-ghost"] },
    });
    assert.equal(bad.status, 400);
    const error = (bad.body as ImportAnswer["body"]).error!;
    assert.deepEqual(
      error.fields?.map((f) => [f.field, f.code]),
      [
        ["themeId", "unknownTheme"],
        ["ownerIds.1", "unknownPerson"],
      ],
    );
    const mismatch = await app.api("/api/goals/g-digi", { method: "PUT", token: admin, body: edited });
    assert.equal(mismatch.status, 400);
  });

  it("lets an admin add people and change roles, language and manager (audited), not their own admin role", async () => {
    const created = await app.api("/api/people", {
      method: "POST",
      token: admin,
      body: { upn: "asa.oberg@example.org", displayName: "Åsa Öberg", language: "sv" },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal((created.body as { id: string }).id, "p-asa-oberg");
    const taken = await app.api("/api/people?lang=en", {
      method: "POST",
      token: admin,
      body: { upn: "owner@example.org", displayName: "Toinen" },
    });
    assert.equal(taken.status, 400);
    assert.equal((taken.body as ImportAnswer["body"]).error?.fields?.[0]?.code, "duplicateUpn");

    const updated = await app.api("/api/people/p-asa-oberg", {
      method: "PUT",
      token: admin,
      body: { roles: ["manager"], managerId: "p-mgr", language: null },
    });
    assert.equal(updated.status, 200);
    assert.deepEqual(updated.body, {
      id: "p-asa-oberg",
      upn: "asa.oberg@example.org",
      displayName: "Åsa Öberg",
      roles: ["manager"],
      managerId: "p-mgr",
    });
    const audit = await app.stores.audit.forTarget("person:p-asa-oberg", [
      new Date().toISOString().slice(0, 7),
    ]);
    assert.deepEqual(
      audit.map((a) => a.action),
      ["person.update", "person.create"],
    );
    assert.deepEqual(
      audit[0]?.changes?.find((c) => c.field === "roles"),
      { field: "roles", to: ["manager"] },
    );

    const self = await app.api("/api/people/p-admin?lang=en", {
      method: "PUT",
      token: admin,
      body: { roles: [] },
    });
    assert.equal(self.status, 400);
    assert.equal(
      (self.body as ImportAnswer["body"]).error?.message,
      "You cannot remove your own administrator role.",
    );
    const selfManager = await app.api("/api/people/p-asa-oberg", {
      method: "PUT",
      token: admin,
      body: { managerId: "p-asa-oberg" },
    });
    assert.equal(selfManager.status, 400);
    assert.equal(
      (await app.api("/api/people/p-nobody", { method: "PUT", token: admin, body: {} })).status,
      404,
    );
  });

  it("answers 403 to non-admins and 401 without a token on every admin route, changing nothing", async () => {
    const before = await snapshot();
    const good = csv([
      ["year", "goal_id", "theme", "title", "text", "owners"],
      [2026, "g-sneaky", "toimivin", "X", "Y", "owner@example.org"],
    ]);
    const goal = goals[0]!;
    const calls: [string, string, unknown][] = [
      ["POST", "/api/admin/import/register?format=csv", good],
      ["POST", "/api/admin/import/history", Buffer.from(JSON.stringify({ rounds: [], reports: [] }))],
      ["POST", "/api/admin/import/resume", undefined],
      ["GET", "/api/admin/import/register.xlsx", undefined],
      ["PUT", "/api/goals/g-digi", goal],
      ["POST", "/api/people", { upn: "x@example.org", displayName: "X" }],
      ["PUT", "/api/people/p-owner", { roles: ["admin"] }],
    ];
    for (const token of [owner, manager, undefined]) {
      for (const [method, path, body] of calls) {
        const res = await fetch(`${app.url}${path}`, {
          method,
          headers: {
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            "content-type": Buffer.isBuffer(body) ? "text/csv" : "application/json",
          },
          ...(body === undefined ? {} : { body: Buffer.isBuffer(body) ? body : JSON.stringify(body) }),
        });
        assert.equal(res.status, token ? 403 : 401, `${method} ${path}`);
        await res.arrayBuffer();
      }
    }
    assert.equal(await snapshot(), before);
  });
});
