// Admin routes that change the register: file imports (register and round history), the edit of one
// goal, and people (add, change roles, language, manager): contract/imports.ts and contract/register.ts.
// Admin only; every change is audited.
import { contract } from "@goal-forecast/core/contract";
import { FILE_TYPES } from "@goal-forecast/core/contract/file-types";
import { IMPORT_MAX_BYTES } from "@goal-forecast/core/contract/imports";
import { changes, limitChanges, type FieldChange } from "@goal-forecast/core/domain/changes";
import type { Language } from "@goal-forecast/core/domain/model";
import { translator } from "@goal-forecast/core/i18n";
import type { Response } from "restify";
import { createPerson, saveGoal, updatePerson } from "../register/edit.js";
import {
  ImportBusyError,
  ImportInterruptedError,
  resumePendingImports,
  writeImport,
} from "../import/apply.js";
import { historicRoundsIn, planHistoryImport } from "../import/history-import.js";
import { renderIssue, renderIssues } from "../import/messages.js";
import { readUpload } from "../import/read.js";
import { planRegisterImport } from "../import/register-import.js";
import { registerTables, writeXlsx } from "../import/template.js";
import { FINAL_ROUND_CODES, type ImportIssue } from "../import/types.js";
import type { ImportJournal } from "../storage/imports.js";
import type { Principal } from "../auth/principal.js";
import type { ApiDeps } from "./context.js";
import { HttpError, requestChannel } from "./http.js";
import { Reply, type Implement } from "./implement.js";

export function registerAdminRoutes(implement: Implement, deps: ApiDeps, journal: ImportJournal): void {
  const { stores, logger } = deps;
  const importDeps = { stores, journal, logger };
  const { imports, register } = contract;

  implement(imports.register, async ({ query: q, principal, lang, req, res }) => {
    const admin = who(principal);
    const dryRun = q.dryRun === "true" || q.dryRun === "1";
    const bytes = uploadedBytes(req.body, lang);
    const contentType = req.header("content-type") ?? undefined;
    const [registerNow, rounds] = await Promise.all([stores.register.load(), stores.rounds.list()]);
    const plan = await planRegisterImport(
      { bytes, ...(q.format ? { format: q.format } : {}), ...(contentType ? { contentType } : {}) },
      registerNow,
      rounds,
      { importerId: admin, ...(deps.directory ? { directory: deps.directory } : {}) },
    );
    if (!plan.ok) return reject(lang, plan.issues);

    const t = translator(lang);
    const warnings = renderIssues(
      plan.issues.filter((i) => i.severity === "warning"),
      lang,
    );
    const answer = {
      dryRun,
      imported: { ...plan.counts },
      created: plan.created,
      updated: plan.updated,
      warnings,
    };
    if (dryRun) return { ...answer, message: t("import:result.checked") };

    const { themes, people, goals } = plan.candidate;
    // Before and after of every document the file changes (by id: "goals.g-digi.title").
    const ids = (docs: readonly { id: string }[]) => new Set(docs.map((d) => d.id));
    const registerChanges = changes(
      {
        themes: registerNow.themes.filter((d) => ids(themes).has(d.id)),
        people: registerNow.people.filter((d) => ids(people).has(d.id)),
        goals: registerNow.goals.filter((d) => ids(goals).has(d.id)),
      },
      { themes, people, goals },
    );
    const importId = await write(
      lang,
      res,
      () =>
        writeImport(
          importDeps,
          { kind: "register", by: admin, counts: { ...plan.counts } },
          { themes, people, goals },
        ),
      (id, state) =>
        audit(
          deps,
          admin,
          "import.register",
          "register",
          {
            importId: id,
            state,
            format: q.format ?? contentType ?? "detected",
            counts: plan.counts,
            created: plan.created,
            updated: plan.updated,
            goalIds: goals.map((g) => g.id).slice(0, 200),
          },
          registerChanges,
        ),
    );
    return { ...answer, importId, message: t("import:result.imported", { ...plan.counts }) };
  });

  implement(imports.history, async ({ query: q, principal, lang, req, res }) => {
    const admin = who(principal);
    const dryRun = q.dryRun === "true" || q.dryRun === "1";
    const issues: ImportIssue[] = [];
    const read = await readUpload({ bytes: uploadedBytes(req.body, lang), format: "json" }, issues);
    if (read.kind !== "json") return reject(lang, issues);
    const [registerNow, rounds] = await Promise.all([stores.register.load(), stores.rounds.list()]);
    // A final round may be repeated as it is, never changed: its stored reports are compared.
    const finalReports = await Promise.all(
      historicRoundsIn(read.value, rounds).map((id) => stores.reports.listByRound(id)),
    );
    const plan = planHistoryImport(read.value, registerNow, rounds, finalReports.flat());
    if (!plan.ok) return reject(lang, plan.issues);
    const counts = { rounds: plan.rounds.length, reports: plan.reports.length };
    const t = translator(lang);
    if (dryRun) return { dryRun, imported: counts, warnings: [], message: t("import:result.checked") };
    // Only final rounds repeated as they are: nothing changes, so nothing is written or audited.
    if (counts.rounds + counts.reports === 0)
      return { dryRun, imported: counts, warnings: [], message: t("import:result.history", counts) };
    const importId = await write(
      lang,
      res,
      () =>
        writeImport(
          importDeps,
          { kind: "history", by: admin, counts },
          { rounds: plan.rounds, reports: plan.reports },
        ),
      (id, state) =>
        audit(
          deps,
          admin,
          "import.history",
          "history",
          {
            importId: id,
            state,
            counts,
            roundIds: plan.rounds.map((r) => r.id),
            // Final rounds are never rewritten, so a history import only adds: which reports.
            reports: plan.reports.slice(0, 2000).map((r) => `${r.roundId}|${r.subjectId}`),
          },
          changes({ rounds: [] }, { rounds: plan.rounds }),
        ),
    );
    return { dryRun, importId, imported: counts, warnings: [], message: t("import:result.history", counts) };
  });

  // The register as a workbook in the import format: download, edit in Excel, import again.
  implement(imports.workbook, async ({ query: q, lang }) => {
    const registerNow = await stores.register.load(q.year);
    return {
      contentType: FILE_TYPES.xlsx,
      disposition: `attachment; filename="register-${q.year ?? "all"}.xlsx"`,
      cacheControl: "no-store",
      body: await writeXlsx(registerTables(registerNow), q.headers ?? lang),
    };
  });

  // Completes imports that storage interrupted, without waiting for the next import or restart.
  implement(imports.resume, async ({ lang }) => {
    const count = await resumePendingImports(importDeps);
    return { resumed: count, message: translator(lang)("import:result.resumed", { count }) };
  });

  implement(register.saveGoal, async ({ params, body: goal, principal, lang, req }) => {
    if (goal.id !== params.goalId)
      throw invalid(lang, [{ severity: "error", code: "invalid", column: "id", params: { value: goal.id } }]);
    const result = await saveGoal(stores, goal, who(principal), new Date(), requestChannel(req));
    if (!result.ok) throw invalid(lang, result.issues);
    return new Reply(result.created ? 201 : 200, result.value);
  });

  implement(register.createPerson, async ({ body, principal, lang, req }) => {
    const result = await createPerson(stores, body, who(principal), new Date(), {
      channel: requestChannel(req),
      directory: deps.directory,
    });
    if (!result.ok) throw invalid(lang, result.issues);
    return result.value;
  });

  implement(register.savePerson, async ({ params: { personId }, body: edits, principal, lang, req }) => {
    // An admin taking their own admin role away would lock the office out of the register.
    if (
      principal.personId === personId &&
      edits.roles &&
      !edits.roles.includes("admin") &&
      principal.person?.roles?.includes("admin")
    ) {
      throw new HttpError("badRequest", [], { message: translator(lang)("import:admin.ownAdminRole") });
    }
    const result = await updatePerson(stores, personId, edits, who(principal), new Date(), {
      channel: requestChannel(req),
      directory: deps.directory,
    });
    if (!result) throw new HttpError("notFound");
    if (!result.ok) throw invalid(lang, result.issues);
    return result.value;
  });
}

/** Who is recorded in the audit log: the register person, else the signed-in account. */
function who(p: Principal): string {
  return p.personId ?? p.upn;
}

/** The raw upload: the server reads bodies under /api/admin/import as bytes (see server.ts). */
function uploadedBytes(body: unknown, lang: Language): Uint8Array {
  const bytes =
    body instanceof Uint8Array
      ? body
      : typeof body === "string"
        ? Buffer.from(body, "utf8")
        : new Uint8Array(0);
  if (bytes.length > IMPORT_MAX_BYTES) {
    const t = translator(lang);
    const params = { mb: (bytes.length / 1024 / 1024).toFixed(1), maxMb: IMPORT_MAX_BYTES / 1024 / 1024 };
    throw new HttpError("tooLarge", [], {
      message: t("import:issue.fileTooLarge", params),
      rows: renderIssues([{ severity: "error", code: "fileTooLarge", params }], lang),
    });
  }
  return bytes;
}

/**
 * 400 with every problem of the file, each with its row, column and a sentence in the person's
 * language; 409 when the file would change a closed or frozen round (the first such sentence leads).
 */
function reject(lang: Language, issues: readonly ImportIssue[]): never {
  const errors = issues.filter((i) => i.severity === "error");
  const final = errors.find((i) => FINAL_ROUND_CODES.has(i.code));
  const rejected = translator(lang)("import:result.rejected", { count: errors.length });
  throw new HttpError(final ? "conflict" : "badRequest", [], {
    message: final
      ? `${renderIssue({ severity: "error", code: final.code, ...(final.params ? { params: final.params } : {}) }, lang).message} ${rejected}`
      : rejected,
    rows: renderIssues(errors, lang),
    warnings: renderIssues(
      issues.filter((i) => i.severity === "warning"),
      lang,
    ),
  });
}

/** 400 for an edit: the problems as fields, each with its message; 409 when it would change a frozen round. */
function invalid(lang: Language, issues: readonly ImportIssue[]): HttpError {
  const errors = issues.filter((i) => i.severity === "error");
  const final = errors.find((i) => FINAL_ROUND_CODES.has(i.code));
  return new HttpError(final ? "conflict" : "badRequest", [], {
    message: final
      ? renderIssues([final], lang)[0]!.message
      : translator(lang)("import:admin.invalid", { count: errors.length }),
    fields: renderIssues(errors, lang).map((r) => ({
      field: r.column ?? "",
      code: r.code,
      ...(r.params ? { params: r.params } : {}),
      message: r.message,
    })),
  });
}

/**
 * Writes an import and records it in the audit log — also when storage interrupted it, since the
 * journal will complete it ("interrupted" in the entry). Busy and interrupted become 409 and 503.
 */
async function write(
  lang: Language,
  res: Response,
  fn: () => Promise<string>,
  record: (importId: string, state: "applied" | "interrupted") => Promise<void>,
): Promise<string> {
  const t = translator(lang);
  try {
    const importId = await fn();
    await record(importId, "applied");
    return importId;
  } catch (error) {
    if (error instanceof ImportBusyError)
      throw new HttpError("conflict", [], { message: t("import:result.busy") });
    if (error instanceof ImportInterruptedError) {
      await record(error.importId, "interrupted");
      res.header("Retry-After", "30");
      throw new HttpError("unavailable", [], {
        message: t("import:result.interrupted"),
        importId: error.importId,
      });
    }
    throw error;
  }
}

async function audit(
  deps: ApiDeps,
  by: string,
  action: string,
  target: string,
  details: Record<string, unknown>,
  changed: FieldChange[] = [],
): Promise<void> {
  const { changes: kept, truncated } = limitChanges(changed);
  try {
    await deps.stores.audit.append({
      at: new Date().toISOString(),
      by,
      action,
      target,
      channel: "import",
      ...(kept.length > 0 ? { changes: kept } : {}),
      details: truncated > 0 ? { ...details, changesTruncated: truncated } : details,
    });
  } catch (error) {
    // The import is written; a missing audit line must be noticed, but is no reason to report failure.
    deps.logger.error({ err: error, action, details }, "audit entry of an import could not be written");
  }
}
