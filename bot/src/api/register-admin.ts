// Admin routes that change the register: file imports (register and round history), the edit of one
// goal, and people (add, change roles, language, manager). Admin only; every change is audited.
import { z } from "zod";
import { isAdmin } from "@goal-forecast/core/domain/access";
import { LANGUAGES } from "@goal-forecast/core/domain/model";
import { translator } from "@goal-forecast/core/i18n";
import { createPerson, saveGoal, updatePerson } from "../register/edit.js";
import {
  ImportBusyError,
  ImportInterruptedError,
  resumePendingImports,
  writeImport,
} from "../import/apply.js";
import { planHistoryImport } from "../import/history-import.js";
import { renderIssues } from "../import/messages.js";
import { FORMATS, readUpload } from "../import/read.js";
import { planRegisterImport } from "../import/register-import.js";
import { registerTables, writeXlsx } from "../import/template.js";
import type { ImportIssue } from "../import/types.js";
import { goalSchema, id as idSchema, personSchema } from "../register/schema.js";
import type { ImportJournal } from "../storage/imports.js";
import type { Principal } from "../auth/principal.js";
import type { ApiDeps, RouteModule } from "./context.js";
import { HttpError, parse, pathParam, query, route, type RequestContext } from "./http.js";

/** Largest file an import takes (the server reads up to 12 MB under /api/admin/import). */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

/** Query of the import routes (also for the OpenAPI description). */
export const importQuerySchema = z
  .object({
    format: z.enum(FORMATS).optional(),
    dryRun: z.enum(["true", "false", "1", "0"]).optional(),
  })
  .loose();

export const templateQuerySchema = z
  .object({
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    headers: z.enum(["keys", ...LANGUAGES]).optional(),
  })
  .loose();

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const personChanges = {
  upn: personSchema.shape.upn.optional(),
  displayName: personSchema.shape.displayName.optional(),
  email: z.union([personSchema.shape.upn, z.null()]).optional(),
  language: z.union([z.enum(LANGUAGES), z.null()]).optional(),
  roles: z
    .array(z.enum(["admin", "manager"]))
    .max(2)
    .optional(),
  managerId: z.union([idSchema, z.null()]).optional(),
};
export const personUpdateSchema = z.object(personChanges).strict();
export const personCreateSchema = z
  .object({
    ...personChanges,
    id: idSchema.optional(),
    upn: personSchema.shape.upn,
    displayName: personSchema.shape.displayName,
  })
  .strict();

export function registerAdminRoutes(journal: ImportJournal): RouteModule {
  return (server, deps) => {
    const { stores, logger } = deps;
    const importDeps = { stores, journal, logger };

    server.post(
      "/api/admin/import/register",
      route(deps, async (ctx) => {
        const admin = await requireAdmin(ctx);
        const q = parse(importQuerySchema, query(ctx.req));
        const dryRun = q.dryRun === "true" || q.dryRun === "1";
        const bytes = uploadedBytes(ctx);
        const contentType = ctx.req.header("content-type") ?? undefined;
        const [register, rounds] = await Promise.all([stores.register.load(), stores.rounds.list()]);
        const plan = await planRegisterImport(
          { bytes, ...(q.format ? { format: q.format } : {}), ...(contentType ? { contentType } : {}) },
          register,
          rounds,
          { importerId: admin },
        );
        if (!plan.ok) return reject(ctx, plan.issues);

        const t = translator(ctx.lang);
        const warnings = renderIssues(
          plan.issues.filter((i) => i.severity === "warning"),
          ctx.lang,
        );
        const answer = {
          dryRun,
          imported: plan.counts,
          created: plan.created,
          updated: plan.updated,
          warnings,
        };
        if (dryRun) return { ...answer, message: t("import:result.checked") };

        const { themes, people, goals } = plan.candidate;
        const importId = await write(
          ctx,
          () =>
            writeImport(
              importDeps,
              { kind: "register", by: admin, counts: { ...plan.counts } },
              { themes, people, goals },
            ),
          (id, state) =>
            audit(deps, admin, "import.register", "register", {
              importId: id,
              state,
              format: q.format ?? contentType ?? "detected",
              counts: plan.counts,
              created: plan.created,
              updated: plan.updated,
              goalIds: goals.map((g) => g.id).slice(0, 200),
            }),
        );
        return { ...answer, importId, message: t("import:result.imported", { ...plan.counts }) };
      }),
    );

    server.post(
      "/api/admin/import/history",
      route(deps, async (ctx) => {
        const admin = await requireAdmin(ctx);
        const q = parse(importQuerySchema, query(ctx.req));
        const dryRun = q.dryRun === "true" || q.dryRun === "1";
        const issues: ImportIssue[] = [];
        const read = await readUpload({ bytes: uploadedBytes(ctx), format: "json" }, issues);
        if (read.kind !== "json") return reject(ctx, issues);
        const [register, rounds] = await Promise.all([stores.register.load(), stores.rounds.list()]);
        const plan = planHistoryImport(read.value, register, rounds);
        if (!plan.ok) return reject(ctx, plan.issues);
        const counts = { rounds: plan.rounds.length, reports: plan.reports.length };
        const t = translator(ctx.lang);
        if (dryRun) return { dryRun, imported: counts, warnings: [], message: t("import:result.checked") };
        const importId = await write(
          ctx,
          () =>
            writeImport(
              importDeps,
              { kind: "history", by: admin, counts },
              { rounds: plan.rounds, reports: plan.reports },
            ),
          (id, state) =>
            audit(deps, admin, "import.history", "history", {
              importId: id,
              state,
              counts,
              roundIds: plan.rounds.map((r) => r.id),
            }),
        );
        return {
          dryRun,
          importId,
          imported: counts,
          warnings: [],
          message: t("import:result.history", counts),
        };
      }),
    );

    // The register as a workbook in the import format: download, edit in Excel, import again.
    server.get(
      "/api/admin/import/register.xlsx",
      route(deps, async (ctx) => {
        await requireAdmin(ctx);
        const q = parse(templateQuerySchema, query(ctx.req));
        const register = await stores.register.load(q.year);
        const bytes = await writeXlsx(registerTables(register), q.headers ?? ctx.lang);
        ctx.res.writeHead(200, {
          "content-type": XLSX_TYPE,
          "content-length": bytes.length,
          "content-disposition": `attachment; filename="register-${q.year ?? "all"}.xlsx"`,
          "cache-control": "no-store",
        });
        ctx.res.end(bytes);
        return undefined;
      }),
    );

    // Completes imports that storage interrupted, without waiting for the next import or restart.
    server.post(
      "/api/admin/import/resume",
      route(deps, async (ctx) => {
        await requireAdmin(ctx);
        const count = await resumePendingImports(importDeps);
        return { resumed: count, message: translator(ctx.lang)("import:result.resumed", { count }) };
      }),
    );

    server.put(
      "/api/goals/:goalId",
      route(deps, async (ctx) => {
        const admin = await requireAdmin(ctx);
        const goalId = pathParam(ctx.req, "goalId");
        const goal = parse(goalSchema, ctx.req.body);
        if (goal.id !== goalId)
          throw invalid(ctx, [
            { severity: "error", code: "invalid", column: "id", params: { value: goal.id } },
          ]);
        const result = await saveGoal(stores, goal, admin);
        if (!result.ok) throw invalid(ctx, result.issues);
        ctx.res.send(result.created ? 201 : 200, result.value);
        return undefined;
      }),
    );

    server.post(
      "/api/people",
      route(deps, async (ctx) => {
        const admin = await requireAdmin(ctx);
        const input = parse(personCreateSchema, ctx.req.body);
        const result = await createPerson(stores, input, admin);
        if (!result.ok) throw invalid(ctx, result.issues);
        ctx.res.send(201, result.value);
        return undefined;
      }),
    );

    server.put(
      "/api/people/:personId",
      route(deps, async (ctx) => {
        const principal = await ctx.principal();
        const admin = adminId(principal);
        const personId = pathParam(ctx.req, "personId");
        const changes = parse(personUpdateSchema, ctx.req.body);
        // An admin taking their own admin role away would lock the office out of the register.
        if (
          principal.personId === personId &&
          changes.roles &&
          !changes.roles.includes("admin") &&
          principal.person?.roles?.includes("admin")
        ) {
          throw new HttpError("badRequest", [], {
            message: translator(ctx.lang)("import:admin.ownAdminRole"),
          });
        }
        const result = await updatePerson(stores, personId, changes, admin);
        if (!result) throw new HttpError("notFound");
        if (!result.ok) throw invalid(ctx, result.issues);
        return result.value;
      }),
    );
  };
}

async function requireAdmin(ctx: RequestContext): Promise<string> {
  return adminId(await ctx.principal());
}

function adminId(p: Principal): string {
  if (!isAdmin(p)) throw new HttpError("forbidden");
  return p.personId ?? p.upn;
}

/** The raw upload: the server reads bodies under /api/admin/import as bytes (see server.ts). */
function uploadedBytes(ctx: RequestContext): Uint8Array {
  const body: unknown = ctx.req.body;
  const bytes =
    body instanceof Uint8Array
      ? body
      : typeof body === "string"
        ? Buffer.from(body, "utf8")
        : new Uint8Array(0);
  if (bytes.length > IMPORT_MAX_BYTES) {
    const t = translator(ctx.lang);
    const params = { mb: (bytes.length / 1024 / 1024).toFixed(1), maxMb: IMPORT_MAX_BYTES / 1024 / 1024 };
    throw new HttpError("tooLarge", [], {
      message: t("import:issue.fileTooLarge", params),
      rows: renderIssues([{ severity: "error", code: "fileTooLarge", params }], ctx.lang),
    });
  }
  return bytes;
}

/** 400 with every problem of the file, each with its row, column and a sentence in the person's language. */
function reject(ctx: RequestContext, issues: readonly ImportIssue[]): never {
  const errors = issues.filter((i) => i.severity === "error");
  throw new HttpError("badRequest", [], {
    message: translator(ctx.lang)("import:result.rejected", { count: errors.length }),
    rows: renderIssues(errors, ctx.lang),
    warnings: renderIssues(
      issues.filter((i) => i.severity === "warning"),
      ctx.lang,
    ),
  });
}

/** 400 for an edit: the problems as fields, each with its message. */
function invalid(ctx: RequestContext, issues: readonly ImportIssue[]): HttpError {
  const errors = issues.filter((i) => i.severity === "error");
  return new HttpError("badRequest", [], {
    message: translator(ctx.lang)("import:admin.invalid", { count: errors.length }),
    fields: renderIssues(errors, ctx.lang).map((r) => ({
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
  ctx: RequestContext,
  fn: () => Promise<string>,
  record: (importId: string, state: "applied" | "interrupted") => Promise<void>,
): Promise<string> {
  const t = translator(ctx.lang);
  try {
    const importId = await fn();
    await record(importId, "applied");
    return importId;
  } catch (error) {
    if (error instanceof ImportBusyError)
      throw new HttpError("conflict", [], { message: t("import:result.busy") });
    if (error instanceof ImportInterruptedError) {
      await record(error.importId, "interrupted");
      ctx.res.header("Retry-After", "30");
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
): Promise<void> {
  try {
    await deps.stores.audit.append({ at: new Date().toISOString(), by, action, target, details });
  } catch (error) {
    // The import is written; a missing audit line must be noticed, but is no reason to report failure.
    deps.logger.error({ err: error, action, details }, "audit entry of an import could not be written");
  }
}
