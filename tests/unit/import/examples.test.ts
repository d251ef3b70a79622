// The examples in docs/examples (scripts/make-import-examples.ts) import cleanly and hold exactly
// the demo data: the documented formats are the real ones.
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Goal, Register } from "@goal-forecast/core/domain/model";
import { readDemoData } from "../../../bot/src/register/demo.js";
import { headerText, TABLE_FORMATS } from "../../../bot/src/import/columns.js";
import { planHistoryImport } from "../../../bot/src/import/history-import.js";
import { planRegisterImport } from "../../../bot/src/import/register-import.js";
import { multipart } from "../../support/import-files.js";

const examples = join(import.meta.dirname, "..", "..", "..", "docs", "examples");
const empty: Register = { themes: [], people: [], goals: [] };
const byId = <T extends { id: string }>(list: readonly T[]): T[] =>
  [...list].sort((a, b) => a.id.localeCompare(b.id));

describe("import: the documented examples", () => {
  const demo = readDemoData();

  function assertDemoRegister(candidate: {
    themes: unknown[];
    people: { id: string }[];
    goals: Goal[];
  }): void {
    assert.deepEqual(byId(candidate.goals), byId(demo.register.goals));
    assert.deepEqual(byId(candidate.people), byId(demo.register.people));
    assert.deepEqual(candidate.themes, demo.register.themes);
  }

  it("register.xlsx (Finnish headers) imports cleanly and is the demo register", async () => {
    const plan = await planRegisterImport({ bytes: readFileSync(join(examples, "register.xlsx")) }, empty);
    assert.deepEqual(plan.issues, []);
    assertDemoRegister(plan.candidate);
  });

  it("the CSV files, sent together, import cleanly and are the demo register", async () => {
    const files = Object.fromEntries(
      readdirSync(join(examples, "csv")).map((f) => [f, readFileSync(join(examples, "csv", f))]),
    );
    const plan = await planRegisterImport(await multipart(files), empty);
    assert.deepEqual(plan.issues, []);
    assertDemoRegister(plan.candidate);
  });

  it("register.json imports cleanly and history.json is the demo history", async () => {
    const plan = await planRegisterImport({ bytes: readFileSync(join(examples, "register.json")) }, empty);
    assert.deepEqual(plan.issues, []);
    assertDemoRegister(plan.candidate);
    const history = JSON.parse(readFileSync(join(examples, "history.json"), "utf8")) as unknown;
    const checked = planHistoryImport(history, demo.register, []);
    assert.deepEqual(checked.issues, []);
    assert.deepEqual(checked.rounds, demo.history.rounds);
    assert.equal(checked.reports.length, demo.history.reports.length);
  });

  it("docs/IMPORT.md documents every column with its headers in Finnish, Swedish and English", () => {
    const doc = readFileSync(join(examples, "..", "IMPORT.md"), "utf8");
    for (const format of Object.values(TABLE_FORMATS)) {
      for (const key of format.columns) {
        const row = `| \`${key}\` | ${headerText(key, "fi")} | ${headerText(key, "sv")} | ${headerText(key, "en")} |`;
        assert.ok(doc.includes(row), `IMPORT.md lacks the row for ${format.kind}.${key}: ${row}`);
      }
    }
  });
});
