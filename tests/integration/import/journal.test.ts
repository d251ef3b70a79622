// "Nothing half-imported" when storage fails midway: the import is staged in the journal first and
// completed from it afterwards — at the next import, on request, or when the server starts.
import assert from "node:assert/strict";
import { createLogger } from "../../../bot/src/logging.js";
import {
  ImportBusyError,
  ImportInterruptedError,
  resumePendingImports,
  writeImport,
} from "../../../bot/src/import/apply.js";
import { planRegisterImport } from "../../../bot/src/import/register-import.js";
import { StorageUnavailableError, type StorageAccount, type Stores } from "../../../bot/src/storage/index.js";
import { TableImportJournal } from "../../../bot/src/storage/imports.js";
import type { RegisterStore } from "../../../bot/src/storage/register.js";
import { startTestApp } from "../../support/app.js";
import { goals, people, themes } from "../../support/fixtures.js";
import { csv } from "../../support/import-files.js";
import { freshStores } from "../../support/storage.js";

const logger = createLogger({ level: "silent", pretty: false });

describe("import journal: an import is completed even if storage fails midway", () => {
  let account: StorageAccount;
  let stores: Stores;
  let journal: TableImportJournal;

  beforeEach(async () => {
    ({ account, stores } = await freshStores());
    await stores.register.saveRegister({ themes, people, goals });
    journal = new TableImportJournal(account);
  });

  async function threeGoals() {
    const rows = [1, 2, 3].map((n) => [
      2026,
      `g-new-${n}`,
      "toimivin",
      `Uusi ${n}`,
      "Teksti",
      "owner@example.org",
    ]);
    const plan = await planRegisterImport(
      { bytes: csv([["year", "goal_id", "theme", "title", "text", "owners"], ...rows]) },
      await stores.register.load(),
    );
    assert.equal(plan.ok, true);
    return plan;
  }

  /** Stores whose register write gets one goal out and then loses the connection. */
  function failingMidway(): Stores {
    const register: RegisterStore = Object.assign(Object.create(stores.register) as RegisterStore, {
      saveRegister: async (changes: Parameters<RegisterStore["saveRegister"]>[0]) => {
        await stores.register.saveGoal(changes.goals![0]!);
        throw new StorageUnavailableError("connection reset");
      },
    });
    return { ...stores, register };
  }

  it("keeps an interrupted import in the journal and completes it on the next try", async () => {
    const plan = await threeGoals();
    const writes = { goals: plan.candidate.goals };
    await assert.rejects(
      writeImport(
        { stores: failingMidway(), journal, logger },
        { kind: "register", by: "p-admin", counts: {} },
        writes,
      ),
      ImportInterruptedError,
    );
    // Storage really is half-written at this point; the journal knows the rest.
    const ids = async (): Promise<string[]> =>
      (await stores.register.goals(2026)).map((g) => g.id).filter((id) => id.startsWith("g-new"));
    assert.deepEqual(await ids(), ["g-new-1"]);
    assert.equal((await journal.pending()).length, 1);

    assert.equal(await resumePendingImports({ stores, journal, logger }), 1);
    assert.deepEqual(await ids(), ["g-new-1", "g-new-2", "g-new-3"]);
    assert.deepEqual(await journal.pending(), []);
    assert.equal(await resumePendingImports({ stores, journal, logger }), 0);
  });

  it("completes an interrupted import when the server starts", async () => {
    const plan = await threeGoals();
    await assert.rejects(
      writeImport(
        { stores: failingMidway(), journal, logger },
        { kind: "register", by: "p-admin", counts: {} },
        { goals: plan.candidate.goals },
      ),
      ImportInterruptedError,
    );
    const app = await startTestApp({ STORAGE_PREFIX: account.settings.prefix, SEED_DEMO_DATA: "false" });
    try {
      assert.equal((await app.stores.register.goals(2026)).filter((g) => g.id.startsWith("g-new")).length, 3);
      assert.ok(app.logLines().some((l) => l.includes("interrupted import completed from the journal")));
    } finally {
      await app.close();
    }
  });

  it("writes one import at a time; a lock left by a crashed import expires", async () => {
    const plan = await threeGoals();
    const deps = { stores, journal, logger };
    assert.equal(await journal.lock("someone-else", new Date()), true);
    await assert.rejects(
      writeImport(deps, { kind: "register", by: "p-admin", counts: {} }, { goals: plan.candidate.goals }),
      ImportBusyError,
    );
    assert.equal((await stores.register.goals(2026)).length, 2, "nothing was written");
    const later = new Date(Date.now() + 11 * 60 * 1000);
    await writeImport(
      deps,
      { kind: "register", by: "p-admin", counts: {} },
      { goals: plan.candidate.goals },
      later,
    );
    assert.equal((await stores.register.goals(2026)).length, 5);
    assert.equal(await journal.lock("next", new Date()), true, "the import released its lock");
  });
});
