// Rounds: every signed-in person reads them; admins create and move them through their life (each
// action checked by domain/round-actions.ts, audited); managers watch delivery and responses; the
// consolidated views of one round (overview, comparison with an earlier one).
import { z } from "zod";
import { DEFAULT_DUE_HOUR, helsinkiTime } from "../domain/deadline.js";
import { DELIVERY_STATES, MESSAGE_KINDS, REACH_STATES, RESENDABLE } from "../domain/delivery.js";
import {
  id,
  localizedTextSchema,
  responseCountsSchema,
  responseStatusSchema,
  storedReportSchema,
  storedRoundSchema,
  subjectSchema,
  reportDiffSchema,
  verdictSchema,
} from "./documents.js";
import { endpoint, idSchema } from "./endpoint.js";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A due date: an ISO date-time with offset (seconds optional), or a date alone, which means 16:00
 * Finnish time that day (the division's usual deadline hour). Answers as an ISO instant in UTC.
 */
export const dueAtSchema = z
  .union([z.iso.date(), z.iso.datetime({ offset: true }), z.iso.datetime({ offset: true, precision: -1 })])
  .describe("YYYY-MM-DD (16:00 Finnish time that day) or an ISO date-time with offset")
  .transform((v, ctx) => {
    const d = new Date(DATE_ONLY.test(v) ? helsinkiTime(v, DEFAULT_DUE_HOUR) : v);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: "invalidDate" });
      return z.NEVER;
    }
    return d.toISOString();
  });

// Trimmed after the check, so that what OpenAPI says (the input) is exactly what is accepted.
const trimmed = (s: string) => s.trim();
const nameText = z.string().max(100).transform(trimmed);
const requiredName = z.string().max(100).regex(/\S/, "notBlank").transform(trimmed);
export const createRoundSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    number: z.number().int().min(1).max(12),
    name: z
      .object({ fi: requiredName, sv: nameText.optional(), en: nameText.optional() })
      .strict()
      .optional(),
    dueAt: dueAtSchema,
    goalIds: z.array(idSchema).min(1).max(500).optional(),
    reminderDays: z.array(z.number().int().min(0).max(60)).max(10).optional(),
  })
  .strict();

const reasonSchema = z
  .object({ reason: z.string().max(500).transform(trimmed).optional() })
  .strict()
  .optional();

const deliveryCountsSchema = z.object(
  Object.fromEntries(DELIVERY_STATES.map((s) => [s, z.number().int()])) as Record<
    (typeof DELIVERY_STATES)[number],
    z.ZodNumber
  >,
);

/** Who of a round's recipients can be reached, before it opens (and after preparing). */
export const reachSchema = z.object({
  roundId: z.string(),
  /** Whether Microsoft Graph is configured (without it, only people who met the bot are reached). */
  graph: z.boolean(),
  counts: z.object(
    Object.fromEntries(REACH_STATES.map((s) => [s, z.number().int()])) as Record<
      (typeof REACH_STATES)[number],
      z.ZodNumber
    >,
  ),
  people: z.array(
    z.object({
      personId: z.string(),
      displayName: z.string(),
      reach: z.enum(REACH_STATES),
      /** consentMissing: the permission to grant; notInDirectory: the address looked up. */
      detail: z.string().optional(),
    }),
  ),
  /** "28 reachable, 2 will get the app installed, 1 not found in Entra ID", in the requester's language. */
  message: z.string(),
});
export type Reachability = z.infer<typeof reachSchema>;

export const roundProgressSchema = z.object({
  round: storedRoundSchema,
  delivery: z.object({
    /** The check-in, one per recipient. */
    counts: deliveryCountsSchema,
    /** Check-ins, reminders and escalations that failed, could not reach the person, or are in doubt. */
    problems: z.array(
      z.object({
        personId: z.string(),
        displayName: z.string(),
        state: z.enum(DELIVERY_STATES),
        reason: z.string(),
        attempts: z.number().int(),
        updatedAt: z.string(),
        kind: z.enum(MESSAGE_KINDS),
      }),
    ),
    /** Reminders and escalations, each a batch of its own. */
    batches: z.array(
      z.object({ batchId: z.string(), kind: z.enum(MESSAGE_KINDS), counts: deliveryCountsSchema }),
    ),
    /** Set while sending is paused everywhere (429 Retry-After, or halted after a 401). */
    paused: z.object({ until: z.string(), reason: z.string() }).optional(),
  }),
  responses: z.object({
    counts: responseCountsSchema,
    subjects: z.array(
      z.object({
        subjectId: id,
        title: z.string(),
        goalId: id,
        status: responseStatusSchema,
        ownerIds: z.array(id),
      }),
    ),
  }),
  /** When this view was computed (it may be up to a few seconds old). */
  computedAt: z.string(),
});

export const queuedSchema = z.object({ queued: z.number().int() });

export const auditEntrySchema = z.object({
  at: z.string(),
  by: z.string(),
  action: z.string(),
  target: z.string(),
  /** Through what the change was made. */
  channel: z.enum(["tab", "api", "bot", "import", "cli", "scheduler"]).optional(),
  /** What changed, field by field: the value before (absent: added) and after (absent: removed). */
  changes: z
    .array(z.object({ field: z.string(), from: z.unknown().optional(), to: z.unknown().optional() }))
    .optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});

export const overviewSchema = z.object({
  round: storedRoundSchema,
  previousRoundId: id.optional(),
  summary: z.object({
    roundId: id,
    total: z.number().int(),
    counts: responseCountsSchema,
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
            status: responseStatusSchema,
            verdict: verdictSchema.optional(),
            progress: z.number().optional(),
            report: storedReportSchema.optional(),
          }),
        ),
      }),
    ),
  }),
  changes: z.array(
    z.object({ subjectId: id, changedSincePrevious: z.boolean(), previousVerdict: verdictSchema.optional() }),
  ),
});

export const comparedSubjectSchema = z.object({
  subject: subjectSchema,
  earlier: storedReportSchema.optional(),
  later: storedReportSchema.optional(),
  diff: reportDiffSchema,
  drift: z.number().int().describe("Positive when the verdict got worse"),
});

export const comparisonSchema = z.object({
  earlier: storedRoundSchema,
  later: storedRoundSchema,
  rows: z.array(comparedSubjectSchema),
});

const transition = <const A extends "open" | "close" | "reopen" | "freeze">(
  action: A,
  summary: string,
  description: string,
) =>
  endpoint({
    name: `${action}Round`,
    method: "post",
    path: `/api/rounds/:roundId/${action}`,
    access: "admin",
    tag: "rounds",
    summary,
    description,
    body: reasonSchema,
    response: storedRoundSchema,
  });

export const rounds = {
  list: endpoint({
    name: "rounds",
    method: "get",
    path: "/api/rounds",
    access: "signedIn",
    tag: "rounds",
    summary: "Every round, oldest first",
    response: z.array(storedRoundSchema),
  }),
  create: endpoint({
    name: "createRound",
    method: "post",
    path: "/api/rounds",
    access: "admin",
    tag: "rounds",
    summary: "Create a round (in preparation until opened)",
    body: createRoundSchema,
    response: storedRoundSchema,
    status: 201,
  }),
  get: endpoint({
    name: "round",
    method: "get",
    path: "/api/rounds/:roundId",
    access: "signedIn",
    tag: "rounds",
    summary: "One round",
    response: storedRoundSchema,
  }),
  open: transition("open", "Open the round", "Sends every owner and preparer their check-in in Teams."),
  close: transition("close", "Close the round", "Reports can no longer be changed."),
  reopen: transition("reopen", "Reopen a closed round", "Owners may correct their reports again."),
  freeze: transition("freeze", "Freeze a closed round", "Final: the round can no longer be reopened."),
  remind: endpoint({
    name: "remindRound",
    method: "post",
    path: "/api/rounds/:roundId/remind",
    access: "admin",
    tag: "rounds",
    summary: "Remind everyone whose report is missing or still a draft",
    body: z.object({}).strict().optional(),
    response: queuedSchema,
  }),
  extend: endpoint({
    name: "extendRound",
    method: "post",
    path: "/api/rounds/:roundId/extend",
    access: "admin",
    tag: "rounds",
    summary: "Move the due date later",
    body: z.object({ dueAt: dueAtSchema }).strict(),
    response: storedRoundSchema,
  }),
  resend: endpoint({
    name: "resendRound",
    method: "post",
    path: "/api/rounds/:roundId/resend",
    access: "admin",
    tag: "rounds",
    summary: "Send the check-in again to those it did not reach",
    body: z
      .object({ states: z.array(z.enum(RESENDABLE)).min(1).max(RESENDABLE.length).optional() })
      .strict()
      .optional(),
    response: queuedSchema,
  }),
  setSubstitute: endpoint({
    name: "setSubstitute",
    method: "put",
    path: "/api/rounds/:roundId/substitutes/:subjectId",
    access: "admin",
    tag: "rounds",
    summary: "Name (or clear) a substitute who may submit in the owner's place this round",
    body: z.object({ personId: z.union([idSchema, z.null()]) }).strict(),
    response: storedRoundSchema,
  }),
  reach: endpoint({
    name: "roundReach",
    method: "get",
    path: "/api/rounds/:roundId/reach",
    access: "admin",
    tag: "rounds",
    summary: "Who of the round's recipients can be reached in Teams, and who will get the app installed",
    response: reachSchema,
  }),
  prepareReach: endpoint({
    name: "prepareRoundReach",
    method: "post",
    path: "/api/rounds/:roundId/reach",
    access: "admin",
    tag: "rounds",
    summary: "Resolve the recipients in Entra ID and install the app for them ahead of the round",
    description:
      "Installs the app (Microsoft Graph) for every recipient the bot cannot reach yet, so the round's " +
      "messages go out at once when it opens. Answers the reachability afterwards.",
    body: z.object({}).strict().optional(),
    response: reachSchema,
  }),
  progress: endpoint({
    name: "roundProgress",
    method: "get",
    path: "/api/rounds/:roundId/progress",
    access: "manager",
    tag: "rounds",
    summary: "Delivery of the check-ins and the responses so far",
    response: roundProgressSchema,
  }),
  audit: endpoint({
    name: "roundAudit",
    method: "get",
    path: "/api/rounds/:roundId/audit",
    access: "admin",
    tag: "rounds",
    summary: "Administrative actions on the round, newest first",
    response: z.array(auditEntrySchema),
  }),
  overview: endpoint({
    name: "roundOverview",
    method: "get",
    path: "/api/rounds/:roundId/overview",
    access: "signedIn",
    tag: "views",
    summary: "The consolidated picture of a round: by theme, verdicts, response status, changes",
    description:
      "Managers see every submitted report; owners and preparers their own subjects, drafts included. A draft the " +
      "viewer may not read still counts as 'draft' in the response status, without its content.",
    response: overviewSchema,
  }),
  compare: endpoint({
    name: "compareRounds",
    method: "get",
    path: "/api/rounds/:roundId/compare/:otherRoundId",
    access: "signedIn",
    tag: "views",
    summary: "Two rounds side by side (otherRoundId is the earlier): verdict drift and new risks first",
    response: comparisonSchema,
  }),
};

export type CreateRound = z.output<typeof createRoundSchema>;
export type RoundProgress = z.infer<typeof roundProgressSchema>;
export type DeliveryProblem = RoundProgress["delivery"]["problems"][number];
export type RoundOverview = z.infer<typeof overviewSchema>;
export type Comparison = z.infer<typeof comparisonSchema>;
export type ComparedSubject = z.infer<typeof comparedSubjectSchema>;
export type AuditEntry = z.infer<typeof auditEntrySchema>;
