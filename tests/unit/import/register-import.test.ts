import assert from "node:assert/strict";
import type { Register } from "@goal-forecast/core/domain/model";
import { resources } from "@goal-forecast/core/i18n";
import { renderIssues } from "../../../bot/src/import/messages.js";
import { planRegisterImport, type RegisterPlan } from "../../../bot/src/import/register-import.js";
import { registerTables, writeCsv, writeXlsx } from "../../../bot/src/import/template.js";
import { register, round } from "../../support/fixtures.js";
import { csv, multipart, workbook } from "../../support/import-files.js";

const GOALS_HEADER = ["year", "goal_id", "project_id", "theme", "title", "text", "owners", "preparers"];
const MILESTONES_HEADER = [
  "goal_id",
  "project_id",
  "order",
  "milestone",
  "target_kind",
  "target_value",
  "unit",
];

/** [row, column, code] of every error, in the order the answer gives them. */
function errors(plan: RegisterPlan): [string | undefined, number | undefined, string | undefined, string][] {
  return plan.issues.filter((i) => i.severity === "error").map((i) => [i.table, i.row, i.column, i.code]);
}

describe("import: register from CSV", () => {
  it("reports every broken row with its row, column and reason, and plans nothing", async () => {
    const files = await multipart({
      "goals.csv": csv([
        GOALS_HEADER,
        [2026, "g-a", "", "toimivin", "A", "Teksti A", "owner@example.org", ""],
        [2026, "g-b", "", "Tuntematon teema", "B", "Teksti B", "owner@example.org", ""],
        [2026, "g-c", "", "toimivin", "C", "Teksti C", "", ""],
        [2026, "g-a", "", "toimivin", "A uudestaan", "Teksti", "owner@example.org", ""],
        [2026, "g-d", "", "palvelut", "D", "Teksti D", "nobody@example.org", ""],
        [
          1999,
          "g-e",
          "",
          "Uudistuvat palvelut",
          "E",
          "Teksti E",
          "owner@example.org, owner2@example.org\nprep@example.org",
          "",
        ],
      ]),
      "milestones.csv": csv([
        MILESTONES_HEADER,
        ["g-a", "", 1, "Teams käytössä", "percent", "120", ""],
        ["g-a", "", 2, "Varaamo", "count", "20,5", "tilaa"],
        ["g-x", "", 1, "Orpo", "", "", ""],
        ["g-a", "", 3, "Ilman tyyppiä", "", "12", ""],
      ]),
    });
    const plan = await planRegisterImport(files, register);
    assert.equal(plan.ok, false);
    assert.deepEqual(errors(plan), [
      ["goals.csv", 3, "theme", "unknownTheme"],
      ["goals.csv", 4, "owners", "ownersCount"],
      ["goals.csv", 5, "goal_id", "duplicateGoal"],
      ["goals.csv", 6, "owners", "unknownPerson"],
      ["goals.csv", 7, "year", "yearOutOfRange"],
      ["goals.csv", 7, "owners", "ownersCount"],
      ["milestones.csv", 2, "target_value", "percentOutOfRange"],
      ["milestones.csv", 3, "target_value", "notAnInteger"],
      ["milestones.csv", 4, "goal_id", "unknownGoal"],
      ["milestones.csv", 5, "target_kind", "targetKindMissing"],
    ]);
  });

  it("says what is wrong in Finnish, Swedish and English", async () => {
    const plan = await planRegisterImport(
      {
        bytes: csv([
          GOALS_HEADER,
          [2026, "g-b", "", "Tuntematon teema", "B", "Teksti", "owner@example.org", ""],
        ]),
      },
      register,
    );
    const [fi, sv, en] = (["fi", "sv", "en"] as const).map(
      (lang) => renderIssues(plan.issues, lang)[0]!.message,
    );
    assert.equal(
      fi,
      "Ladattu tiedosto, rivi 2, sarake Teema: Teemaa ”Tuntematon teema” ei löydy. Anna teeman tunnus tai nimi.",
    );
    assert.equal(
      sv,
      "Den uppladdade filen, rad 2, kolumn Tema: Temat ”Tuntematon teema” finns inte. Ange temats id eller namn.",
    );
    assert.equal(
      en,
      "The uploaded file, row 2, column Theme: There is no theme “Tuntematon teema”. Give the theme's id or name.",
    );
  });

  it('never calls a file "upload" in Finnish or Swedish', async () => {
    const strings = (value: unknown): string[] =>
      typeof value === "string"
        ? [value]
        : value && typeof value === "object"
          ? Object.values(value).flatMap(strings)
          : [];
    for (const lang of ["fi", "sv"] as const) {
      const found = strings(resources[lang].import).filter((s) => /upload/i.test(s));
      assert.deepEqual(found, [], `${lang} import strings`);
    }
    // A file sent alone has no name: the row report calls it the uploaded file, in the person's words.
    const plan = await planRegisterImport({ bytes: csv([GOALS_HEADER, [2026, "g-b"]]) }, register);
    for (const lang of ["fi", "sv"] as const) {
      const rendered = renderIssues(plan.issues, lang);
      assert.ok(rendered.length > 0);
      for (const issue of rendered) {
        assert.doesNotMatch(`${issue.table ?? ""} ${issue.message}`, /upload/i, issue.message);
      }
    }
  });

  it("finds the delimiter (; , tab) and reads Finnish headers", async () => {
    const rows = [
      ["Vuosi", "Tavoitteen tunnus", "Teema", "Otsikko", "Teksti", "Omistajat"],
      [2026, "g-new", "Maailman toimivin kaupunki", "Uusi", "Yhteistyö, ääkköset", "owner@example.org"],
    ];
    for (const delimiter of [";", ",", "\t"]) {
      const cells =
        delimiter === "," ? rows.map((r) => r.map((c) => (String(c).includes(",") ? `"${c}"` : c))) : rows;
      const plan = await planRegisterImport({ bytes: csv(cells, delimiter), format: "csv" }, register);
      assert.deepEqual(errors(plan), [], `delimiter ${JSON.stringify(delimiter)}`);
      assert.equal(plan.candidate.goals[0]?.text, "Yhteistyö, ääkköset");
      assert.equal(plan.candidate.goals[0]?.themeId, "toimivin");
    }
  });

  it("refuses rows written with another delimiter, and a header it cannot read", async () => {
    const mixed = Buffer.from(
      "year;goal_id;theme;title;text;owners\r\n2026;g-a;toimivin;A;Teksti;owner@example.org\r\n2026,g-b,toimivin,B,Teksti,owner@example.org\r\n",
    );
    const plan = await planRegisterImport({ bytes: mixed, format: "csv" }, register);
    assert.deepEqual(errors(plan), [["upload", 3, undefined, "columnCount"]]);
    assert.match(
      renderIssues(plan.issues, "en")[0]!.message,
      /has 1 columns, the header row 6\. Check the delimiter \(;\)/,
    );

    const piped = await planRegisterImport(
      { bytes: Buffer.from("year|goal_id|theme\n2026|a|b\n"), format: "csv" },
      register,
    );
    assert.deepEqual(errors(piped), [["upload", 1, undefined, "headerUnknown"]]);
  });

  it("reads a Latin-1 (Windows-1252) file with ä and ö intact, with a warning", async () => {
    const text =
      "year;goal_id;theme;title;text;owners\r\n2026;g-lat;toimivin;Työllisyys;Ympäristö ja Åbo;owner@example.org\r\n";
    const plan = await planRegisterImport({ bytes: Buffer.from(text, "latin1"), format: "csv" }, register);
    assert.equal(plan.ok, true);
    assert.equal(plan.candidate.goals[0]?.title, "Työllisyys");
    assert.equal(plan.candidate.goals[0]?.text, "Ympäristö ja Åbo");
    assert.deepEqual(
      plan.issues.map((i) => [i.severity, i.code]),
      [["warning", "encodingConverted"]],
    );
  });

  it("keeps stored milestones when the file has no milestones table, and keeps their ids by text", async () => {
    const goalsOnly = await planRegisterImport(
      {
        bytes: csv([
          ["year", "goal_id", "theme", "title", "text", "owners"],
          [2026, "g-digi", "toimivin", "Digi 2", "Uusi teksti", "owner@example.org"],
        ]),
      },
      register,
    );
    assert.equal(goalsOnly.ok, true);
    assert.deepEqual(
      goalsOnly.candidate.goals[0]?.milestones.map((m) => m.id),
      ["m1", "m2", "m3"],
    );
    // A missing column keeps the stored value (preparers), an empty one would clear it.
    assert.deepEqual(goalsOnly.candidate.goals[0]?.preparerIds, ["p-prep"]);

    // Only a milestones table: the stored goal's milestones are replaced, reordered ones keep their ids.
    const reordered = await planRegisterImport(
      {
        bytes: csv([
          ["goal_id", "milestone", "target_kind", "target_value", "unit"],
          ["g-digi", "Dashboard", "", "", ""],
          ["g-digi", "Teamsin käyttöönotto", "percent", "80 %", ""],
          ["g-digi", "Uusi välitavoite", "count", "1 000", "kpl"],
        ]),
      },
      register,
    );
    assert.deepEqual(errors(reordered), []);
    const goal = reordered.candidate.goals.find((g) => g.id === "g-digi")!;
    assert.deepEqual(
      goal.milestones.map((m) => [m.id, m.order, m.target]),
      [
        ["m3", 1, undefined],
        ["m1", 2, { kind: "percent", value: 80 }],
        ["m4", 3, { kind: "count", value: 1000, unit: "kpl" }],
      ],
    );
    assert.equal(goal.title, "Digitalisaatio", "the rest of the goal is as stored");
  });

  it("requires a project id for milestones of a goal reported per project", async () => {
    const plan = await planRegisterImport(
      {
        bytes: csv([
          ["goal_id", "project_id", "milestone"],
          ["g-move", "", "Ei projektia"],
          ["g-move", "g-move-kids", "Hulinat"],
        ]),
      },
      register,
    );
    assert.deepEqual(errors(plan), [["upload", 2, "project_id", "milestoneNeedsProject"]]);
  });

  it("imports a goal with its projects as a whole: project rows need the goal's row", async () => {
    const plan = await planRegisterImport(
      {
        bytes: csv([
          ["year", "goal_id", "project_id", "theme", "title", "text", "owners"],
          ["", "g-move", "g-move-new", "", "Uusi projekti", "", "owner@example.org"],
          ["", "g-none", "g-none-a", "", "Orpo", "", ""],
        ]),
      },
      register,
    );
    assert.deepEqual(errors(plan), [
      ["upload", 2, "goal_id", "projectWithoutGoalRow"],
      ["upload", 3, "goal_id", "unknownGoal"],
    ]);
  });

  it("does not let an admin's import take away their own admin role", async () => {
    const file = csv([
      ["upn", "display_name", "roles"],
      ["admin@example.org", "Aki Admin", "manager"],
    ]);
    const plan = await planRegisterImport({ bytes: file }, register, [], { importerId: "p-admin" });
    assert.deepEqual(errors(plan), [["upload", 2, "roles", "ownAdminRole"]]);
    const other = await planRegisterImport({ bytes: file }, register, [], { importerId: "p-owner" });
    assert.equal(other.ok, true, "another admin may change it");
  });

  it("warns when milestones of a goal in an open round change", async () => {
    const plan = await planRegisterImport(
      {
        bytes: csv([
          ["goal_id", "milestone"],
          ["g-digi", "Kokonaan uusi"],
        ]),
      },
      register,
      [round({ state: "open" })],
    );
    assert.equal(plan.ok, true);
    assert.deepEqual(
      plan.issues.map((i) => i.code),
      ["milestonesInOpenRound"],
    );
  });
});

describe("import: register from XLSX", () => {
  const empty: Register = { themes: [], people: [], goals: [] };

  it("reads back exactly the register it wrote, with headers as keys or in Finnish", async () => {
    for (const style of ["keys", "fi", "sv"] as const) {
      const bytes = await writeXlsx(registerTables(register), style);
      const plan = await planRegisterImport({ bytes, format: "xlsx" }, empty);
      assert.deepEqual(plan.issues, [], style);
      assert.deepEqual(plan.candidate.goals, register.goals);
      assert.deepEqual(plan.candidate.themes, register.themes);
      assert.deepEqual(
        plan.candidate.people.map((p) => p.id).sort(),
        register.people.map((p) => p.id).sort(),
      );
      assert.deepEqual(plan.counts, { themes: 2, people: 7, goals: 2, projects: 2, milestones: 4 });
    }
  });

  it("reads the same register from the CSV files sent together", async () => {
    const tables = registerTables(register);
    const files = await multipart(Object.fromEntries(tables.map((t) => [`${t.kind}.csv`, writeCsv(t)])));
    const plan = await planRegisterImport(files, empty);
    assert.deepEqual(plan.issues, []);
    assert.deepEqual(plan.candidate.goals, register.goals);
  });

  it("takes a formula's saved value with a warning, and refuses a formula without one", async () => {
    const bytes = await workbook({
      Ohje: [["Täytä välilehdet goals ja milestones."]],
      goals: [
        ["year", "goal_id", "theme", "title", "text", "owners"],
        [{ formula: "2025+1", result: 2026 }, "g-f", "toimivin", "Kaava", "Teksti", "owner@example.org"],
        [2026, "g-g", "toimivin", { formula: "A1" }, "Teksti", "owner@example.org"],
      ],
    });
    const plan = await planRegisterImport({ bytes }, register);
    assert.deepEqual(
      plan.issues.map((i) => [i.severity, i.table, i.row, i.column, i.code]),
      [
        ["error", "goals", 3, "title", "formulaNoValue"],
        ["warning", "goals", 2, "year", "formulaValue"],
        ["warning", "Ohje", undefined, undefined, "sheetIgnored"],
      ],
    );
    const fixed = await workbook({
      goals: [
        ["year", "goal_id", "theme", "title", "text", "owners"],
        [{ formula: "2025+1", result: 2026 }, "g-f", "toimivin", "Kaava", "Teksti", "owner@example.org"],
      ],
    });
    const ok = await planRegisterImport({ bytes: fixed }, register);
    assert.equal(ok.ok, true);
    assert.equal(ok.candidate.goals[0]?.year, 2026);
  });

  it("reads a cell formatted as a percentage as the percent the person sees", async () => {
    const bytes = await workbook(
      {
        milestones: [
          ["goal_id", "milestone", "target_kind", "target_value"],
          ["g-digi", "Teams", "percent", 0.8],
          ["g-digi", "Tilat", undefined, 1.5],
        ],
      },
      (sheet) => {
        sheet.getCell("D2").numFmt = "0%";
        sheet.getCell("D3").numFmt = "0%";
      },
    );
    const plan = await planRegisterImport({ bytes }, register);
    assert.deepEqual(errors(plan), [["milestones", 3, "target_value", "percentOutOfRange"]]);
  });

  it("reads merged cells, rich text and mailto links as the text shown", async () => {
    const bytes = await workbook(
      {
        Henkilöt: [
          ["upn", "display_name"],
          [
            { text: "uusi@example.org", hyperlink: "mailto:uusi@example.org" },
            { richText: [{ text: "Uusi " }, { text: "Ihminen" }] },
          ],
        ],
        milestones: [
          ["goal_id", "milestone"],
          ["g-digi", "Ensimmäinen"],
          [undefined, "Toinen"],
        ],
      },
      (sheet, name) => {
        if (name === "milestones") sheet.mergeCells("A2:A3");
      },
    );
    const plan = await planRegisterImport({ bytes }, register);
    assert.deepEqual(plan.issues, []);
    assert.deepEqual(plan.candidate.people, [
      { id: "p-uusi", upn: "uusi@example.org", displayName: "Uusi Ihminen" },
    ]);
    assert.deepEqual(
      plan.candidate.goals[0]?.milestones.map((m) => m.text),
      ["Ensimmäinen", "Toinen"],
    );
  });

  it("tells an .xlsx sent as CSV apart, and refuses an old .xls", async () => {
    const bytes = await writeXlsx(registerTables(register));
    const plan = await planRegisterImport({ bytes, format: "csv" }, register);
    assert.deepEqual(
      plan.issues.map((i) => [i.code, i.params]),
      [["formatMismatch", { given: "csv", found: "xlsx" }]],
    );
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    assert.equal((await planRegisterImport({ bytes: xls }, register)).issues[0]?.code, "formatUnknown");
  });
});

describe("import: register from JSON", () => {
  it("checks the same rules and points at the item and field", async () => {
    const goal = { ...register.goals[0]!, id: "g-json", themeId: "nope", ownerIds: ["p-owner", "p-ghost"] };
    const bytes = Buffer.from(JSON.stringify({ goals: [register.goals[1], goal] }));
    const plan = await planRegisterImport({ bytes, format: "json" }, register);
    assert.deepEqual(errors(plan), [
      ["goals", 2, "themeId", "unknownTheme"],
      ["goals", 2, "ownerIds.1", "unknownPerson"],
    ]);
  });

  it("keeps the Entra object id the bot learnt when the file does not give one", async () => {
    const stored: Register = { ...register, people: [{ ...register.people[0]!, aadObjectId: "aad-1" }] };
    const { aadObjectId: _, ...person } = stored.people[0]!;
    const plan = await planRegisterImport(
      { bytes: Buffer.from(JSON.stringify({ people: [person] })) },
      stored,
    );
    assert.equal(plan.ok, true);
    assert.equal(plan.candidate.people[0]?.aadObjectId, "aad-1");
  });
});
