// The audit trail holds up to an auditor: entries chain by SHA-256 within their month, concurrent
// appends never fork the chain, and verify() finds a row changed, removed or inserted directly in the
// table (as someone with storage access, not the product, could do) — on real Azurite.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { TABLES, type StorageAccount } from "../../bot/src/storage/client.js";
import { auditHash, GENESIS, type AuditEntry, type ChainedAuditEntry } from "../../bot/src/storage/audit.js";
import { packJson, unpackJson } from "../../bot/src/storage/entity.js";
import type { Stores } from "../../bot/src/storage/index.js";
import { freshStores, testConnectionString } from "../support/storage.js";

/** `npm run admin -- audit verify` against the test's tables, as an operator runs it. */
function verifyCli(prefix: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      "npx",
      ["tsx", "scripts/admin.ts", "audit", "verify"],
      {
        env: {
          ...process.env,
          AZURE_STORAGE_CONNECTION_STRING: testConnectionString(),
          STORAGE_PREFIX: prefix,
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

const MONTH = "2026-03";
const entry = (i: number, extra: Partial<AuditEntry> = {}): AuditEntry => ({
  at: `2026-03-${String(1 + (i % 28)).padStart(2, "0")}T10:${String(i % 60).padStart(2, "0")}:00.000Z`,
  by: "p-admin",
  action: "goal.update",
  target: `goal:g-${i}`,
  channel: "api",
  changes: [{ field: "title", from: `Vanha ${i}`, to: `Uusi ${i}` }],
  ...extra,
});

async function rowsOf(account: StorageAccount): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  for await (const e of account.table(TABLES.audit).listEntities<Record<string, unknown>>()) rows.push(e);
  return rows.filter((r) => r.rowKey !== "head");
}

describe("audit trail: hash chain", function () {
  this.timeout(60_000);
  let account: StorageAccount;
  let stores: Stores;

  beforeEach(async () => {
    ({ account, stores } = await freshStores());
  });

  it("chains each entry to the one before it in its month, and verifies clean", async () => {
    for (let i = 0; i < 5; i++) await stores.audit.append(entry(i));
    await stores.audit.append(entry(0, { at: "2026-04-01T08:00:00.000Z" }));
    const rows = (await rowsOf(account)).map((r) => unpackJson<ChainedAuditEntry>(r));
    const march = rows.filter((r) => r.at.startsWith(MONTH)).sort((a, b) => a.seq - b.seq);
    assert.deepEqual(
      march.map((r) => r.seq),
      [1, 2, 3, 4, 5],
    );
    assert.equal(march[0]!.prev, GENESIS);
    march.slice(1).forEach((r, i) => assert.equal(r.prev, march[i]!.hash));
    const { hash, ...linked } = march[2]!;
    assert.equal(auditHash(linked), hash);
    // What the trail shows carries the content, not the chain's bookkeeping.
    const shown = await stores.audit.month(MONTH);
    assert.equal(shown.length, 5);
    assert.deepEqual(shown.at(-1), entry(0));

    const result = await stores.audit.verify();
    assert.deepEqual(result.breaks, []);
    assert.equal(result.entries, 6);
    assert.deepEqual(
      result.partitions.map((p) => [p.partition, p.entries, p.head?.seq]),
      [
        ["2026-03", 5, 5],
        ["2026-04", 1, 1],
      ],
    );
  });

  it("concurrent appends in one month all land, in one unbroken chain (the head's ETag decides)", async () => {
    await Promise.all(Array.from({ length: 12 }, (_, i) => stores.audit.append(entry(i))));
    const result = await stores.audit.verify([MONTH]);
    assert.deepEqual(result.breaks, []);
    assert.equal(result.entries, 12);
    const seqs = (await rowsOf(account)).map((r) => r.seq as number).sort((a, b) => a - b);
    assert.deepEqual(
      seqs,
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
  });

  it("finds a row rewritten in the table, even with its hash recomputed", async () => {
    for (let i = 0; i < 4; i++) await stores.audit.append(entry(i));
    const table = account.table(TABLES.audit);
    const rows = await rowsOf(account);
    const second = rows.find((r) => unpackJson<ChainedAuditEntry>(r).seq === 2)!;
    const doc = unpackJson<ChainedAuditEntry>(second);
    // Someone with storage access changes what the entry says.
    const forged = { ...doc, changes: [{ field: "title", from: "Vanha 1", to: "Jotain muuta" }] };
    await table.updateEntity(
      { partitionKey: MONTH, rowKey: String(second.rowKey), ...packJson(forged) },
      "Merge",
    );
    let result = await stores.audit.verify();
    assert.deepEqual(
      result.breaks.map((b) => [b.kind, b.seq]),
      [["hash", 2]],
    );
    // Recomputing its hash does not help: the next entry still links to the old one.
    const { hash: _old, ...linked } = forged;
    await table.updateEntity(
      {
        partitionKey: MONTH,
        rowKey: String(second.rowKey),
        ...packJson({ ...forged, hash: auditHash(linked) }),
      },
      "Merge",
    );
    result = await stores.audit.verify();
    assert.deepEqual(
      result.breaks.map((b) => [b.kind, b.seq]),
      [["link", 3]],
    );
  });

  it("finds a row removed from the middle or the end of the chain", async () => {
    for (let i = 0; i < 4; i++) await stores.audit.append(entry(i));
    const table = account.table(TABLES.audit);
    const bySeq = new Map((await rowsOf(account)).map((r) => [r.seq as number, String(r.rowKey)]));
    await table.deleteEntity(MONTH, bySeq.get(4)!);
    let result = await stores.audit.verify();
    assert.deepEqual(
      result.breaks.map((b) => b.kind),
      ["head"],
    );
    await table.deleteEntity(MONTH, bySeq.get(2)!);
    result = await stores.audit.verify();
    assert.deepEqual(
      result.breaks.map((b) => [b.kind, b.seq]),
      [
        ["sequence", 3],
        ["link", 3],
        ["head", undefined],
      ],
    );
  });

  it("npm run admin -- audit verify: exit 0 when intact, 3 naming the row when a row was changed", async () => {
    for (let i = 0; i < 3; i++) await stores.audit.append(entry(i));
    const clean = await verifyCli(account.settings.prefix);
    assert.equal(clean.code, 0, clean.stderr);
    assert.match(clean.stdout, /2026-03: 3 entries, head #3 [0-9a-f]{64}/);
    assert.match(clean.stdout, /intact/);

    const row = (await rowsOf(account)).find((r) => r.seq === 1)!;
    const doc = unpackJson<ChainedAuditEntry>(row);
    await account
      .table(TABLES.audit)
      .updateEntity(
        { partitionKey: MONTH, rowKey: String(row.rowKey), ...packJson({ ...doc, by: "p-someone-else" }) },
        "Merge",
      );
    const broken = await verifyCli(account.settings.prefix);
    assert.equal(broken.code, 3, broken.stderr);
    assert.match(
      broken.stdout,
      new RegExp(`BROKEN: 1 break\\(s\\)\\n  2026-03 row ${String(row.rowKey)} entry #1 \\[hash\\]`),
    );
  });
});
