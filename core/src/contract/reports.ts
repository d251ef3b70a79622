// Reports of a round as the viewer may see them (owners and preparers their own, drafts included;
// managers every submitted one), the owner's write path (same rules as the bot), and a subject's history.
import { z } from "zod";
import { LIMITS } from "../domain/limits.js";
import { REPORT_ACTIONS } from "../domain/model.js";
import {
  reportDiffSchema,
  reportEventSchema,
  storedReportSchema,
  storedRoundSchema,
  subjectSchema,
} from "./documents.js";
import { endpoint } from "./endpoint.js";

const text = (max: number) => z.union([z.string().max(max), z.null()]).optional();
const scalar = z.union([z.string().max(32), z.number(), z.null()]).optional();

/**
 * The body of a report save: shape and sizes here (twice the limits, so that an overlong text gets
 * the domain's own message); values and business rules in domain/validation.ts.
 */
export const reportBodySchema = z
  .object({
    action: z.enum(REPORT_ACTIONS),
    expectedVersion: z.string().max(200).optional(),
    report: z
      .object({
        milestones: z
          .array(
            z
              .object({
                milestoneId: z.string().max(128),
                status: scalar,
                actual: scalar,
                note: text(LIMITS.milestoneNote * 2),
              })
              .strict(),
          )
          .max(LIMITS.milestones)
          .optional(),
        progress: scalar,
        verdict: scalar,
        narrative: text(LIMITS.narrative * 2),
        risks: z
          .array(
            z
              .object({ risk: text(LIMITS.riskText * 2), mitigation: text(LIMITS.mitigationText * 2) })
              .strict(),
          )
          .max(LIMITS.risks * 2)
          .optional(),
      })
      .strict(),
  })
  .strict();

export const reportWithEventsSchema = z.object({
  report: storedReportSchema,
  events: z.array(reportEventSchema),
});

export const historyEntrySchema = z.object({
  round: storedRoundSchema,
  report: storedReportSchema.optional(),
  events: z.array(reportEventSchema),
  diff: reportDiffSchema.optional(),
});

export const subjectHistorySchema = z.object({
  subject: subjectSchema,
  entries: z.array(historyEntrySchema),
});

export const reports = {
  list: endpoint({
    name: "roundReports",
    method: "get",
    path: "/api/rounds/:roundId/reports",
    access: "signedIn",
    tag: "reports",
    summary: "Reports of the round the viewer may see",
    response: z.array(storedReportSchema),
  }),
  get: endpoint({
    name: "report",
    method: "get",
    path: "/api/rounds/:roundId/reports/:subjectId",
    access: "signedIn",
    tag: "reports",
    summary: "One report and its history of saves (who did what, when)",
    response: reportWithEventsSchema,
  }),
  save: endpoint({
    name: "saveReport",
    method: "put",
    path: "/api/rounds/:roundId/reports/:subjectId",
    access: "signedIn",
    tag: "reports",
    summary: "Save a draft or submit (owners, substitutes; preparers draft only)",
    body: reportBodySchema,
    response: storedReportSchema,
  }),
  history: endpoint({
    name: "subjectHistory",
    method: "get",
    path: "/api/goals/:goalId/subjects/:subjectId/history",
    access: "signedIn",
    tag: "views",
    summary: "A goal or project through every round that included it, with what changed",
    response: subjectHistorySchema,
  }),
};

export type ReportBody = z.input<typeof reportBodySchema>;
export type ReportWithEvents = z.infer<typeof reportWithEventsSchema>;
export type HistoryEntry = z.infer<typeof historyEntrySchema>;
export type SubjectHistory = z.infer<typeof subjectHistorySchema>;
