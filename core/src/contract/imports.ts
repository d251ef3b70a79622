// File imports of the register and of round history (admins): a raw file as the body, checked as a
// whole, refused as a whole with every problem at its row and column.
import { z } from "zod";
import { FILE_TYPES } from "./file-types.js";
import { LANGUAGES } from "../domain/model.js";
import { endpoint } from "./endpoint.js";
import { rowProblemSchema } from "./errors.js";

export const IMPORT_FORMATS = ["csv", "xlsx", "json"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Largest file an import takes (the server reads up to 12 MB under /api/admin/import). */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

/** The content type of each import format. */
export const IMPORT_CONTENT_TYPES: Record<ImportFormat, string> = {
  csv: FILE_TYPES.csv,
  xlsx: FILE_TYPES.xlsx,
  json: FILE_TYPES.json,
};

export const importQuerySchema = z
  .object({
    format: z.enum(IMPORT_FORMATS).optional(),
    dryRun: z.enum(["true", "false", "1", "0"]).optional(),
  })
  .loose();

export const templateQuerySchema = z
  .object({
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    headers: z.enum(["keys", ...LANGUAGES]).optional(),
  })
  .loose();

export const importResultSchema = z.object({
  dryRun: z.boolean(),
  importId: z.string().optional(),
  imported: z.record(z.string(), z.number().int()),
  created: z.unknown().optional(),
  updated: z.unknown().optional(),
  warnings: z.array(rowProblemSchema),
  message: z.string(),
});

const importErrors = [413, 415] as const;

export const imports = {
  register: endpoint({
    name: "importRegister",
    method: "post",
    path: "/api/admin/import/register",
    access: "admin",
    tag: "admin",
    summary: "Import goals, projects, milestones and people from CSV, XLSX or JSON",
    description:
      "The raw file is the body (at most 10 MB); the format comes from ?format= or the content type. With " +
      "dryRun=true nothing is saved. A file with errors is refused as a whole with 400 and " +
      "error.rows: [{table, row, column, code, message}], each message in the requester's language.",
    query: importQuerySchema,
    upload: Object.values(IMPORT_CONTENT_TYPES),
    response: importResultSchema,
    errors: importErrors,
  }),
  history: endpoint({
    name: "importHistory",
    method: "post",
    path: "/api/admin/import/history",
    access: "admin",
    tag: "admin",
    summary: "Import earlier rounds and their reports (JSON, as data/demo's rounds and reports)",
    query: importQuerySchema,
    upload: ["application/json"],
    response: importResultSchema,
    errors: importErrors,
  }),
  workbook: endpoint({
    name: "registerWorkbook",
    method: "get",
    path: "/api/admin/import/register.xlsx",
    access: "admin",
    tag: "admin",
    summary: "The register as a workbook in the import format: download, edit, import again",
    query: templateQuerySchema,
    response: { file: [FILE_TYPES.xlsx] },
  }),
  resume: endpoint({
    name: "resumeImports",
    method: "post",
    path: "/api/admin/import/resume",
    access: "admin",
    tag: "admin",
    summary: "Complete imports that an outage of storage interrupted",
    response: z.object({ resumed: z.number().int(), message: z.string() }),
  }),
};

export type ImportResult = z.infer<typeof importResultSchema>;
