// The board's documents of a round: the summary table (XLSX, CSV, JSON) and the deck (PPTX). Managers
// and admins export every goal of the round; owners, substitutes and preparers only their own.
import { z } from "zod";
import { FILE_TYPES } from "./file-types.js";
import { LANGUAGES } from "../domain/model.js";
import { endpoint } from "./endpoint.js";

export const CSV_DELIMITERS = [";", ","] as const;

const ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,127}";
/** One id or several separated by commas (spaces around them allowed). */
const idsText = z.string().regex(new RegExp(`^\\s*${ID}\\s*(,\\s*${ID}\\s*){0,499}$`), "ids");

/**
 * `goal=a,b` and `goal=a&goal=b` both give ["a", "b"]. At most 500 in all (OpenAPI can say so of each
 * value, not of the values of a repeated key together).
 */
const idList = z
  .union([idsText, z.array(idsText).min(1).max(500)])
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(",")).map((s) => s.trim()))
  .pipe(z.array(z.string()).max(500));

const baseQuery = z.object({
  lang: z.enum(LANGUAGES).optional().describe("Language of the exported text"),
  theme: idList
    .optional()
    .describe("Only goals of these strategy themes: a theme id, or ids separated by commas"),
  goal: idList.optional().describe("Only these goals: a goal id, or ids separated by commas"),
});
export const exportQuerySchema = baseQuery.strict();
export const csvQuerySchema = baseQuery
  .extend({ delimiter: z.enum(CSV_DELIMITERS).optional().describe("; by default, , in English") })
  .strict();

const exportFile = <const F extends string, const Q extends z.ZodObject>(
  name: string,
  file: F,
  type: string,
  query: Q,
  summary: string,
) =>
  endpoint({
    name,
    method: "get",
    path: `/api/rounds/:roundId/export/${file}`,
    access: "signedIn",
    tag: "exports",
    summary,
    description:
      "Managers and admins get every goal of the round; owners and preparers only the goals they answer for.",
    query,
    response: { file: [type] },
  });

export const exports = {
  summaryXlsx: exportFile(
    "exportSummaryxlsx",
    "summary.xlsx",
    FILE_TYPES.xlsx,
    exportQuerySchema,
    "The board's summary table as Excel",
  ),
  summaryCsv: exportFile(
    "exportSummarycsv",
    "summary.csv",
    FILE_TYPES.csv,
    csvQuerySchema,
    "The board's summary table as CSV",
  ),
  summaryJson: exportFile(
    "exportSummaryjson",
    "summary.json",
    FILE_TYPES.json,
    exportQuerySchema,
    "The board's summary table as JSON",
  ),
  deck: exportFile(
    "exportDeckpptx",
    "deck.pptx",
    FILE_TYPES.pptx,
    exportQuerySchema,
    "One slide deck per goal, as the decks the board knows",
  ),
};

export type ExportQuery = z.input<typeof csvQuerySchema>;
