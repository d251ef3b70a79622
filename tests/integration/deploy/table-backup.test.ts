// Backup and restore of the tables against real Azurite: the demo data goes out and comes back
// identical (types included) under another prefix, a restore never overwrites live data by accident,
// and the command line does the same.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { createLogger } from "../../../bot/src/logging.js";
import { seedDemoDataIfEmpty } from "../../../bot/src/register/demo.js";
import { StorageAccount, TABLES } from "../../../bot/src/storage/client.js";
import { createStores } from "../../../bot/src/storage/index.js";
import { backupTables, restoreTables, RestoreRefusedError } from "../../../scripts/lib/table-backup.js";
import { tableContents as contents, testConnectionString, uniquePrefix } from "../../support/storage.js";

const run = promisify(execFile);

describe("table backup and restore", () => {
  const dir = mkdtempSync(join(tmpdir(), "gf-backup-"));
  let live: StorageAccount;

  before(async () => {
    live = new StorageAccount({ connectionString: testConnectionString(), prefix: uniquePrefix() });
    await live.ensureTables();
    await seedDemoDataIfEmpty(createStores(live), createLogger({ level: "silent", pretty: false }));
    // A row with the types the product does not use yet, so the round trip is shown for all of them.
    await live.table(TABLES.audit).upsertEntity({
      partitionKey: "types",
      rowKey: "all",
      big: { value: "9007199254740993", type: "Int64" },
      when: new Date("2020-03-30T12:00:00.000Z"),
      bytes: new Uint8Array([0, 1, 254, 255]),
      ratio: 0.25,
      whole: 7,
      yes: true,
      id: { value: "11111111-2222-3333-4444-555555555555", type: "Guid" },
    });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("restores a backup under another prefix exactly as it was", async () => {
    const manifest = await backupTables(live, dir);
    assert.equal(manifest.prefix, live.settings.prefix);
    assert.ok((manifest.tables.register ?? 0) > 50, "the demo register is in it");
    assert.ok((manifest.tables.reports ?? 0) > 10, "the demo reports are in it");

    const restored = new StorageAccount({ connectionString: testConnectionString(), prefix: uniquePrefix() });
    await restoreTables(restored, dir);
    assert.deepEqual(await contents(restored), await contents(live));
    // …and the product reads it: the same goals through the store, not only the same rows.
    const [before, after] = await Promise.all([
      createStores(live).register.goals(),
      createStores(restored).register.goals(),
    ]);
    assert.deepEqual(after, before);
  });

  it("refuses to restore over tables that hold data, unless told to overwrite", async () => {
    await assert.rejects(restoreTables(live, dir), (e: unknown) => {
      assert.ok(e instanceof RestoreRefusedError);
      assert.match(
        e.message,
        /already hold data: .*register.*; restore under another prefix, or pass --overwrite/,
      );
      return true;
    });
    await live
      .table(TABLES.rounds)
      .upsertEntity({ partitionKey: "round", rowKey: "2020-1", json0: "damaged" }, "Replace");
    await restoreTables(live, dir, { overwrite: true });
    const round = await live.table(TABLES.rounds).getEntity<{ json0: string }>("round", "2020-1");
    assert.notEqual(round.json0, "damaged", "the backed-up row is back");
  });

  it("backs up from the command line (npm run tables) into a folder that restores", async () => {
    const out = join(dir, "cli");
    const env = {
      ...process.env,
      AZURE_STORAGE_CONNECTION_STRING: testConnectionString(),
      STORAGE_PREFIX: live.settings.prefix,
    };
    const tsx = join("node_modules", "tsx", "dist", "cli.mjs");
    const { stdout } = await run(process.execPath, [tsx, "scripts/tables.ts", "backup", "--out", out], {
      env,
    });
    assert.match(stdout, new RegExp(`backed up prefix "${live.settings.prefix}"`));
    const restored = new StorageAccount({ connectionString: testConnectionString(), prefix: uniquePrefix() });
    await restoreTables(restored, out);
    assert.deepEqual(await contents(restored), await contents(live));
  });
});
