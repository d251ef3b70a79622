// Schemas of what the API answers, for the OpenAPI description (openapi.ts) and for the tests that
// check real answers against it. Request bodies are validated by the schemas next to their routes;
// the register's own shapes (goal, round, report …) come from register/schema.ts.
import { z } from "zod";
import {
  MILESTONE_STATUSES,
  REPORT_ACTIONS,
  REPORT_STATES,
  VERDICTS,
} from "@goal-forecast/core/domain/model";
import {
  id,
  localizedTextSchema,
  milestoneSchema,
  personSchema,
  reportSchema,
  roundSchema,
} from "../register/schema.js";

const isoDate = z.iso.datetime({ offset: true });
const verdict = z.enum(VERDICTS);
const responseStatus = z.enum(["missing", "draft", "submitted"]);

export const errorSchema = z
  .object({
    error: z
      .object({
        code: z.enum([
          "badRequest",
          "unauthorized",
          "forbidden",
          "notFound",
          "conflict",
          "tooLarge",
          "unsupportedMediaType",
          "unavailable",
          "internal",
        ]),
        message: z.string().describe("In the requester's language (?lang=, Accept-Language, else Finnish)"),
        fields: z
          .array(
            z
              .object({
                field: z.string(),
                code: z.string(),
                message: z.string(),
                params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
              })
              .loose(),
          )
          .optional(),
        unknownRoute: z
          .literal(true)
          .optional()
          .describe("Set when this server has no such route at all (an older or partial deployment)"),
      })
      .loose(),
  })
  .loose();

export const storedRoundSchema = roundSchema.extend({ version: z.string().optional() });
export const storedReportSchema = reportSchema.extend({ version: z.string().optional() });

export const subjectSchema = z.object({
  id,
  goalId: id,
  projectId: id.optional(),
  title: z.string(),
  goalTitle: z.string(),
  themeId: id,
  ownerIds: z.array(id),
  preparerIds: z.array(id),
  milestones: z.array(milestoneSchema),
});

export const reportEventSchema = z.object({
  roundId: id,
  subjectId: id,
  at: isoDate,
  by: id,
  action: z.enum(REPORT_ACTIONS),
  state: z.enum(REPORT_STATES),
  verdict: verdict.optional(),
  progress: z.number(),
});

const riskSchema = z.object({ risk: z.string(), mitigation: z.string() });

export const reportDiffSchema = z.object({
  verdict: z.object({ from: verdict.optional(), to: verdict.optional() }).optional(),
  progress: z.object({ from: z.number(), to: z.number() }).optional(),
  milestonesMoved: z.array(
    z.object({ milestoneId: id, from: z.enum(MILESTONE_STATUSES), to: z.enum(MILESTONE_STATUSES) }),
  ),
  newRisks: z.array(riskSchema),
  closedRisks: z.array(riskSchema),
  changed: z.boolean(),
});

const countsSchema = z.object({ missing: z.number(), draft: z.number(), submitted: z.number() });

export const overviewSchema = z.object({
  round: storedRoundSchema,
  previousRoundId: id.optional(),
  summary: z.object({
    roundId: id,
    total: z.number().int(),
    counts: countsSchema,
    responseRate: z.number().min(0).max(1),
    verdicts: z.object({
      achieved: z.number(),
      onTrack: z.number(),
      atRisk: z.number(),
      notAchieved: z.number(),
      none: z.number(),
    }),
    themes: z.array(
      z.object({
        theme: z.object({ id, name: localizedTextSchema, order: z.number() }),
        subjects: z.array(
          z.object({
            subject: subjectSchema,
            status: responseStatus,
            verdict: verdict.optional(),
            progress: z.number().optional(),
            report: storedReportSchema.optional(),
          }),
        ),
      }),
    ),
  }),
  changes: z.array(
    z.object({ subjectId: id, changedSincePrevious: z.boolean(), previousVerdict: verdict.optional() }),
  ),
});

export const reportWithEventsSchema = z.object({
  report: storedReportSchema,
  events: z.array(reportEventSchema),
});

export const subjectHistorySchema = z.object({
  subject: subjectSchema,
  entries: z.array(
    z.object({
      round: storedRoundSchema,
      report: storedReportSchema.optional(),
      events: z.array(reportEventSchema),
      diff: reportDiffSchema.optional(),
    }),
  ),
});

export const comparisonSchema = z.object({
  earlier: storedRoundSchema,
  later: storedRoundSchema,
  rows: z.array(
    z.object({
      subject: subjectSchema,
      earlier: storedReportSchema.optional(),
      later: storedReportSchema.optional(),
      diff: reportDiffSchema,
      drift: z.number().int().describe("Positive when the verdict got worse"),
    }),
  ),
});

export const meSchema = z.object({
  upn: z.string(),
  name: z.string(),
  personId: id.nullable(),
  language: z.enum(["fi", "sv", "en"]).nullable(),
  roles: z.array(z.enum(["admin", "manager"])),
});

/** Admins get whole person records, managers contact details, everyone else names only. */
export const personViewSchema = personSchema.partial().required({ id: true, displayName: true });

export const healthSchema = z.object({
  status: z.enum(["ok", "unavailable"]),
  version: z.string(),
  checks: z.record(
    z.string(),
    z.object({ ok: z.boolean(), latencyMs: z.number(), error: z.string().optional() }),
  ),
});

export const tabConfigSchema = z.object({
  authMode: z
    .enum(["development", "entra"])
    .describe("development: sign in as a demo person via /api/dev/token; entra: Teams single sign-on"),
  version: z.string(),
});

export const devPersonSchema = z.object({
  id,
  displayName: z.string(),
  upn: z.string(),
  roles: z.array(z.enum(["admin", "manager"])),
});

export const devTokenSchema = z.object({ token: z.string(), expiresIn: z.number().int() });

export const jwksSchema = z.object({ keys: z.array(z.object({ kty: z.string() }).loose()) });

// --- Round administration, exports and imports: the shapes the team agreed on (TEAM.md). ---

export const roundProgressSchema = z.object({
  round: storedRoundSchema,
  delivery: z.object({
    counts: z.object({
      queued: z.number(),
      sending: z.number(),
      sent: z.number(),
      failed: z.number(),
      unreachable: z.number(),
      inDoubt: z.number(),
    }),
    problems: z.array(
      z
        .object({
          personId: z.string(),
          displayName: z.string(),
          state: z.string(),
          reason: z.string().optional(),
          attempts: z.number(),
          updatedAt: z.string(),
        })
        .loose(),
    ),
  }),
  responses: z.object({
    counts: countsSchema,
    subjects: z.array(
      z.object({ subjectId: id, title: z.string(), status: responseStatus, ownerIds: z.array(id) }).loose(),
    ),
  }),
});

export const queuedSchema = z.object({ queued: z.number().int() });

export const importIssueSchema = z
  .object({
    severity: z.enum(["error", "warning"]),
    code: z.string(),
    table: z.string().optional(),
    row: z.number().int().optional(),
    column: z.string().optional(),
    message: z.string(),
  })
  .loose();

export const importResultSchema = z.object({
  dryRun: z.boolean(),
  importId: z.string().optional(),
  imported: z.record(z.string(), z.number().int()),
  created: z.unknown().optional(),
  updated: z.unknown().optional(),
  warnings: z.array(importIssueSchema),
  message: z.string(),
});
