// The JSON formats of the register (themes, people, goals) and of round history (rounds, reports).
// Used for the demo data, for JSON imports and to describe the API (OpenAPI is generated from these).
import { z } from "zod";
import { LIMITS } from "@goal-forecast/core/domain/limits";
import { LANGUAGES, MILESTONE_STATUSES, REPORT_STATES, VERDICTS } from "@goal-forecast/core/domain/model";

export const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, "letters, digits, . _ - (max 128)");
const text = (max: number) => z.string().max(max);
const isoDate = z.iso.datetime({ offset: true });

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
    language: z.enum(LANGUAGES).optional(),
    roles: z
      .array(z.enum(["admin", "manager"]))
      .max(2)
      .optional(),
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
    verdict: z.enum(VERDICTS).optional(),
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
