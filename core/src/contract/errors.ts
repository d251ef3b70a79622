// The body of every refusal: {error:{code, message, fields?}}, the message in the requester's language.
import { z } from "zod";

export const ERROR_CODES = [
  "badRequest",
  "unauthorized",
  "forbidden",
  "notFound",
  "conflict",
  "tooLarge",
  "unsupportedMediaType",
  "unavailable",
  "internal",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** A field the server objected to, with the sentence to show next to it. */
export const fieldProblemSchema = z
  .object({
    field: z.string(),
    code: z.string(),
    message: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  })
  .loose();

/** A problem at a place in an imported file (table, row, column), the sentence naming the place. */
export const rowProblemSchema = z.object({
  severity: z.enum(["error", "warning"]).optional(),
  table: z.string().optional(),
  row: z.number().int().optional(),
  column: z.string().optional(),
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  message: z.string(),
});

export const errorSchema = z
  .object({
    error: z
      .object({
        code: z.enum(ERROR_CODES),
        message: z.string().describe("In the requester's language (?lang=, Accept-Language, else Finnish)"),
        fields: z.array(fieldProblemSchema).optional(),
        rows: z.array(rowProblemSchema).optional(),
        in: z
          .enum(["path", "query", "body"])
          .optional()
          .describe("Set when the request does not fit the route's schema here: which part of it"),
        unknownRoute: z
          .literal(true)
          .optional()
          .describe("Set when this server has no such route at all (an older or partial deployment)"),
      })
      .loose(),
  })
  .loose();

export type ErrorBody = z.infer<typeof errorSchema>;
export type FieldProblem = z.infer<typeof fieldProblemSchema>;
export type RowProblem = z.infer<typeof rowProblemSchema>;
