// The JSON formats of the register (themes, people, goals) and of round history (rounds, reports):
// the demo data, JSON imports and the API's answers (the routes in this folder use them, and the tab
// reads its answers with them). Shapes only; the rules on values are in ../domain.
import { z } from "zod";
import { LIMITS } from "../domain/limits.js";
import { LANGUAGES, MILESTONE_STATUSES, REPORT_ACTIONS, REPORT_STATES, VERDICTS } from "../domain/model.js";
import { RESPONSE_STATUSES } from "../domain/status.js";

/** An id in a document (the same characters as in paths, see endpoint.ts). */
export const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, "letters, digits, . _ - (max 128)");
const text = (max: number) => z.string().max(max);
export const isoDate = z.iso.datetime({ offset: true });
export const languageSchema = z.enum(LANGUAGES);
export const orgRoleSchema = z.enum(["admin", "manager"]);
export const verdictSchema = z.enum(VERDICTS);
export const responseStatusSchema = z.enum(RESPONSE_STATUSES);

export const localizedTextSchema = z.object({
  fi: text(LIMITS.title).min(1),
  sv: text(LIMITS.title).optional(),
  en: text(LIMITS.title).optional(),
});

export const themeSchema = z.object({ id, name: localizedTextSchema, order: z.number().int() }).strict();

export const personSchema = z
  .object({
    id,
    upn: z.string().email().max(256),
    email: z.string().email().max(256).optional(),
    displayName: text(LIMITS.title).min(1),
    aadObjectId: z.string().max(64).optional(),
    language: languageSchema.optional(),
    roles: z.array(orgRoleSchema).max(2).optional(),
    managerId: id.optional(),
  })
  .strict();

export const milestoneSchema = z
  .object({
    id,
    text: text(LIMITS.listItem).min(1),
    order: z.number().int(),
    label: text(LIMITS.title).optional(),
    target: z
      .object({
        kind: z.enum(["count", "percent"]),
        value: z.number().positive().max(LIMITS.countValue),
        unit: text(40).optional(),
      })
      .strict()
      .optional(),
    group: text(LIMITS.listItem).optional(),
  })
  .strict();

export const projectSchema = z
  .object({
    id,
    goalId: id,
    title: text(LIMITS.title).min(1),
    text: text(LIMITS.goalText).optional(),
    ownerIds: z.array(id).max(2),
    preparerIds: z.array(id).max(10),
    milestones: z.array(milestoneSchema).max(LIMITS.milestones),
    order: z.number().int(),
  })
  .strict();

export const goalSchema = z
  .object({
    id,
    year: z.number().int().min(2000).max(2100),
    themeId: id,
    title: text(LIMITS.title).min(1),
    text: text(LIMITS.goalText).min(1),
    subGoal: text(LIMITS.goalText).optional(),
    actions: z.array(text(LIMITS.listItem)).max(LIMITS.listItems),
    indicators: z.array(text(LIMITS.listItem)).max(LIMITS.listItems),
    recoveryIndicator: z.boolean(),
    crossThemes: z.array(text(LIMITS.title)).max(LIMITS.listItems),
    ownerIds: z.array(id).min(1).max(2),
    preparerIds: z.array(id).max(10),
    milestones: z.array(milestoneSchema).max(LIMITS.milestones),
    projects: z.array(projectSchema).max(20),
    order: z.number().int(),
    active: z.boolean(),
  })
  .strict();

export const registerSchema = z
  .object({
    themes: z.array(themeSchema).max(100),
    people: z.array(personSchema).max(50_000),
    goals: z.array(goalSchema).max(10_000),
  })
  .strict();

export const roundSchema = z
  .object({
    id,
    year: z.number().int().min(2000).max(2100),
    number: z.number().int().min(1).max(12),
    name: localizedTextSchema,
    state: z.enum(["draft", "open", "closed", "frozen"]),
    opensAt: isoDate.optional(),
    dueAt: isoDate,
    closesAt: isoDate.optional(),
    goalIds: z.array(id).max(10_000),
    reminderDays: z.array(z.number().int().min(0).max(60)).max(10),
    substitutes: z.record(id, id),
    createdAt: isoDate,
    createdBy: id,
  })
  .strict();

export const reportSchema = z
  .object({
    roundId: id,
    subjectId: id,
    goalId: id,
    milestones: z
      .array(
        z
          .object({
            milestoneId: id,
            status: z.enum(MILESTONE_STATUSES),
            actual: z.number().min(0).optional(),
            note: text(LIMITS.milestoneNote).optional(),
          })
          .strict(),
      )
      .max(LIMITS.milestones),
    progress: z.number().min(0).max(100),
    verdict: verdictSchema.optional(),
    narrative: text(LIMITS.narrative),
    risks: z
      .array(z.object({ risk: text(LIMITS.riskText), mitigation: text(LIMITS.mitigationText) }).strict())
      .max(LIMITS.risks),
    state: z.enum(REPORT_STATES),
    updatedBy: id,
    updatedAt: isoDate,
    submittedBy: id.optional(),
    submittedAt: isoDate.optional(),
    copiedFromRoundId: id.optional(),
  })
  .strict();

/** Round history (rounds and their reports) as JSON, so earlier rounds can be loaded. */
export const historySchema = z
  .object({ rounds: z.array(roundSchema).max(200), reports: z.array(reportSchema).max(200_000) })
  .strict();

export type RegisterFile = z.infer<typeof registerSchema>;
export type HistoryFile = z.infer<typeof historySchema>;

// --- What the API answers beyond the documents themselves ---

/** A stored round or report carries the version (ETag) it was read at, for optimistic concurrency. */
export const storedRoundSchema = roundSchema.extend({ version: z.string().optional() });
export const storedReportSchema = reportSchema.extend({ version: z.string().optional() });

/** A reportable unit: a goal without projects, or one project (domain/subjects.ts). */
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
  verdict: verdictSchema.optional(),
  progress: z.number(),
  channel: z.enum(["bot", "tab", "cli", "api"]).optional(),
});

const riskSchema = z.object({ risk: z.string(), mitigation: z.string() });

/** What changed between two reports of a subject (domain/diff.ts). */
export const reportDiffSchema = z.object({
  verdict: z.object({ from: verdictSchema.optional(), to: verdictSchema.optional() }).optional(),
  progress: z.object({ from: z.number(), to: z.number() }).optional(),
  milestonesMoved: z.array(
    z.object({ milestoneId: id, from: z.enum(MILESTONE_STATUSES), to: z.enum(MILESTONE_STATUSES) }),
  ),
  newRisks: z.array(riskSchema),
  closedRisks: z.array(riskSchema),
  changed: z.boolean(),
});

export const responseCountsSchema = z.object({
  missing: z.number(),
  draft: z.number(),
  submitted: z.number(),
});

export type StoredRound = z.infer<typeof storedRoundSchema>;
export type StoredReport = z.infer<typeof storedReportSchema>;
