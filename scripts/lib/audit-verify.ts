// `npm run admin -- audit verify`: walks the audit trail's hash chain straight in storage (not
// through the API: the check must not trust the server it checks) and says where it breaks.
import { StorageAccount, type StorageSettings } from "../../bot/src/storage/client.js";
import { TableAuditLog, type AuditVerification } from "../../bot/src/storage/audit.js";

/** Exit code when the chain is broken (0: intact; 1: storage could not be read; 2: bad usage). */
export const BROKEN_EXIT_CODE = 3;

export async function verifyAudit(
  settings: StorageSettings,
  months?: string[],
): Promise<{ result: AuditVerification; text: string; exitCode: number }> {
  const result = await new TableAuditLog(new StorageAccount(settings)).verify(months);
  return { result, text: describe(result), exitCode: result.breaks.length > 0 ? BROKEN_EXIT_CODE : 0 };
}

function describe(v: AuditVerification): string {
  const lines = [
    `audit trail: ${v.partitions.length} month(s), ${v.entries} chained entr${v.entries === 1 ? "y" : "ies"}` +
      (v.unchained > 0 ? `, ${v.unchained} written before the chain (not verifiable)` : ""),
  ];
  // The heads' hashes, to note elsewhere: a later run that shows another hash for a closed month
  // means the month was rewritten as a whole.
  for (const p of v.partitions)
    lines.push(
      `  ${p.partition}: ${p.entries} entries${p.head ? `, head #${p.head.seq} ${p.head.hash}` : ""}`,
    );
  if (v.breaks.length === 0) {
    lines.push("intact: every entry matches its hash and follows the one before it");
    return lines.join("\n");
  }
  lines.push(`BROKEN: ${v.breaks.length} break(s)`);
  for (const b of v.breaks) {
    const where = [
      b.partition,
      b.rowKey ? `row ${b.rowKey}` : "",
      b.seq !== undefined ? `entry #${b.seq}` : "",
    ]
      .filter(Boolean)
      .join(" ");
    lines.push(`  ${where} [${b.kind}]: ${b.detail}`);
  }
  return lines.join("\n");
}
