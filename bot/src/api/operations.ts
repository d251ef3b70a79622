// The catalogue of every HTTP route: what it does, who may call it, what it takes and answers.
// openapi.ts turns it into /api/openapi.json; tests check that every route the server registers is
// described here, that real answers fit the response schemas, and that the access level holds for
// every role. Adding a route? Describe it here too (the openapi test names any that is missing).
import { z } from "zod";
import { goalSchema, id, personSchema, themeSchema } from "../register/schema.js";
import {
  importQuerySchema as importQuery,
  personCreateSchema,
  personUpdateSchema,
  templateQuerySchema as templateQuery,
} from "./register-admin.js";
import { reportBodySchema } from "./reports.js";
import {
  comparisonSchema,
  devPersonSchema,
  devTokenSchema,
  healthSchema,
  importResultSchema,
  jwksSchema,
  meSchema,
  overviewSchema,
  personViewSchema,
  queuedSchema,
  reportWithEventsSchema,
  roundProgressSchema,
  storedReportSchema,
  storedRoundSchema,
  subjectHistorySchema,
  tabConfigSchema,
} from "./schemas.js";

/**
 * Who may call a route. signedIn: any valid token (the answer is scoped to what the person may see);
 * manager: managers and admins; admin: admins only; development: only when the server runs the
 * development token issuer; bot: Bot Framework tokens (Teams); public: no token.
 */
export type Access = "public" | "development" | "bot" | "signedIn" | "manager" | "admin";

export type Method = "get" | "post" | "put" | "delete";

export type Tag =
  "system" | "register" | "rounds" | "reports" | "views" | "exports" | "admin" | "development";

export interface Operation {
  method: Method;
  /** restify path, e.g. /api/rounds/:roundId */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: Tag;
  access: Access;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Raw uploads (file bodies) instead of JSON. */
  bodyTypes?: string[];
  /** JSON answer of a success. */
  response?: z.ZodType;
  status?: 200 | 201 | 202;
  /** Non-JSON downloads (content types). */
  produces?: string[];
}

const lang = z.enum(["fi", "sv", "en"]).optional().describe("Language of messages and exported text");
const exportQuery = z.object({
  lang,
  theme: z
    .string()
    .optional()
    .describe("Only goals of these strategy themes: a theme id, or ids separated by commas"),
  goal: z.string().optional().describe("Only these goals: a goal id, or ids separated by commas"),
  delimiter: z.enum([";", ","]).optional().describe("CSV only"),
});

const roundAction = (
  action: "open" | "close" | "reopen" | "freeze",
  summary: string,
  description: string,
): Operation => ({
  method: "post",
  path: `/api/rounds/:roundId/${action}`,
  operationId: `${action}Round`,
  summary,
  description,
  tag: "rounds",
  access: "admin",
  response: storedRoundSchema,
});

const exportFile = (file: string, type: string, summary: string): Operation => ({
  method: "get",
  path: `/api/rounds/:roundId/export/${file}`,
  operationId: `export${file.replace(/[^a-z]/gi, "").replace(/^./, (c) => c.toUpperCase())}`,
  summary,
  description:
    "Managers and admins get every goal of the round; owners and preparers only the goals they answer for.",
  tag: "exports",
  access: "signedIn",
  query: exportQuery,
  produces: [type],
});

export const OPERATIONS: Operation[] = [
  // --- system ---
  {
    method: "get",
    path: "/api/health",
    operationId: "health",
    summary: "Is the service able to work (storage reachable)?",
    tag: "system",
    access: "public",
    response: healthSchema,
  },
  {
    method: "get",
    path: "/api/openapi.json",
    operationId: "openApi",
    summary: "This description (OpenAPI 3.1) of the routes this server has",
    tag: "system",
    access: "public",
  },
  {
    method: "get",
    path: "/api/tab/config",
    operationId: "tabConfig",
    summary: "What the tab needs before sign-in: how people sign in",
    tag: "system",
    access: "public",
    response: tabConfigSchema,
  },
  {
    method: "post",
    path: "/api/messages",
    operationId: "botMessages",
    summary: "Bot Framework activities from Teams (the bot's endpoint)",
    tag: "system",
    access: "bot",
    body: z.object({ type: z.string() }).loose(),
  },

  // --- development sign-in ---
  {
    method: "get",
    path: "/api/dev/people",
    operationId: "devPeople",
    summary: "Demo people to sign in as, with their roles (development only)",
    tag: "development",
    access: "development",
    response: z.array(devPersonSchema),
  },
  {
    method: "post",
    path: "/api/dev/token",
    operationId: "devToken",
    summary: "A token for one demo person, signed by the development issuer (development only)",
    tag: "development",
    access: "development",
    body: z.object({ personId: id }).strict(),
    response: devTokenSchema,
  },
  {
    method: "get",
    path: "/api/dev/jwks.json",
    operationId: "devJwks",
    summary: "Public key of the development issuer (development only)",
    tag: "development",
    access: "development",
    response: jwksSchema,
  },

  // --- register ---
  {
    method: "get",
    path: "/api/me",
    operationId: "me",
    summary: "The signed-in person and their roles",
    tag: "register",
    access: "signedIn",
    response: meSchema,
  },
  {
    method: "get",
    path: "/api/themes",
    operationId: "themes",
    summary: "City-strategy themes",
    tag: "register",
    access: "signedIn",
    response: z.array(themeSchema),
  },
  {
    method: "get",
    path: "/api/goals",
    operationId: "goals",
    summary: "Binding goals (managers: all; owners and preparers: their own)",
    tag: "register",
    access: "signedIn",
    query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
    response: z.array(goalSchema),
  },
  {
    method: "get",
    path: "/api/goals/:goalId",
    operationId: "goal",
    summary: "One goal with its projects and milestones",
    tag: "register",
    access: "signedIn",
    response: goalSchema,
  },
  {
    method: "put",
    path: "/api/goals/:goalId",
    operationId: "saveGoal",
    summary: "Edit (or add) a goal of the register",
    description: "200 when the goal existed, 201 when it was added. Problems come back per field.",
    tag: "admin",
    access: "admin",
    body: goalSchema,
    response: goalSchema,
  },
  {
    method: "get",
    path: "/api/people",
    operationId: "people",
    summary: "People (admins: whole records; managers: contact details; others: names)",
    tag: "register",
    access: "signedIn",
    response: z.array(personViewSchema),
  },
  {
    method: "post",
    path: "/api/people",
    operationId: "createPerson",
    summary: "Add a person to the register",
    tag: "admin",
    access: "admin",
    body: personCreateSchema,
    response: personSchema,
    status: 201,
  },
  {
    method: "put",
    path: "/api/people/:personId",
    operationId: "savePerson",
    summary: "Change a person: name, sign-in name, e-mail, language, roles, manager (null clears)",
    description: "An admin cannot take away their own admin role.",
    tag: "admin",
    access: "admin",
    body: personUpdateSchema,
    response: personSchema,
  },
  {
    method: "post",
    path: "/api/admin/import/register",
    operationId: "importRegister",
    summary: "Import goals, projects, milestones and people from CSV, XLSX or JSON",
    description:
      "The raw file is the body (at most 10 MB); the format comes from ?format= or the content type. With " +
      "dryRun=true nothing is saved. A file with errors is refused as a whole with 400 and " +
      "error.rows: [{table, row, column, code, message}], each message in the requester's language.",
    tag: "admin",
    access: "admin",
    query: importQuery,
    bodyTypes: [
      "text/csv",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "application/json",
    ],
    response: importResultSchema,
  },
  {
    method: "post",
    path: "/api/admin/import/history",
    operationId: "importHistory",
    summary: "Import earlier rounds and their reports (JSON, as data/demo's rounds and reports)",
    tag: "admin",
    access: "admin",
    query: importQuery,
    bodyTypes: ["application/json"],
    response: importResultSchema,
  },
  {
    method: "get",
    path: "/api/admin/import/register.xlsx",
    operationId: "registerWorkbook",
    summary: "The register as a workbook in the import format: download, edit, import again",
    tag: "admin",
    access: "admin",
    query: templateQuery,
    produces: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
  },
  {
    method: "post",
    path: "/api/admin/import/resume",
    operationId: "resumeImports",
    summary: "Complete imports that an outage of storage interrupted",
    tag: "admin",
    access: "admin",
    response: z.object({ resumed: z.number().int(), message: z.string() }),
  },

  // --- rounds ---
  {
    method: "get",
    path: "/api/rounds",
    operationId: "rounds",
    summary: "Every round, oldest first",
    tag: "rounds",
    access: "signedIn",
    response: z.array(storedRoundSchema),
  },
  {
    method: "post",
    path: "/api/rounds",
    operationId: "createRound",
    summary: "Create a round (in preparation until opened)",
    tag: "rounds",
    access: "admin",
    body: z.object({
      year: z.number().int(),
      number: z.number().int(),
      name: z.object({ fi: z.string(), sv: z.string().optional(), en: z.string().optional() }).optional(),
      dueAt: z.iso.datetime({ offset: true }),
      goalIds: z.array(id).optional(),
      reminderDays: z.array(z.number().int()).optional(),
    }),
    response: storedRoundSchema,
    status: 201,
  },
  {
    method: "get",
    path: "/api/rounds/:roundId",
    operationId: "round",
    summary: "One round",
    tag: "rounds",
    access: "signedIn",
    response: storedRoundSchema,
  },
  roundAction("open", "Open the round", "Sends every owner and preparer their check-in in Teams."),
  roundAction("close", "Close the round", "Reports can no longer be changed."),
  roundAction("reopen", "Reopen a closed round", "Owners may correct their reports again."),
  roundAction("freeze", "Freeze a closed round", "Final: the round can no longer be reopened."),
  {
    method: "post",
    path: "/api/rounds/:roundId/remind",
    operationId: "remindRound",
    summary: "Remind everyone whose report is missing or still a draft",
    tag: "rounds",
    access: "admin",
    response: queuedSchema,
  },
  {
    method: "post",
    path: "/api/rounds/:roundId/extend",
    operationId: "extendRound",
    summary: "Move the due date later",
    tag: "rounds",
    access: "admin",
    body: z.object({ dueAt: z.iso.datetime({ offset: true }) }),
    response: storedRoundSchema,
  },
  {
    method: "post",
    path: "/api/rounds/:roundId/resend",
    operationId: "resendRound",
    summary: "Send the check-in again to those it did not reach",
    tag: "rounds",
    access: "admin",
    body: z.object({ states: z.array(z.enum(["failed", "unreachable", "inDoubt"])).optional() }),
    response: queuedSchema,
  },
  {
    method: "put",
    path: "/api/rounds/:roundId/substitutes/:subjectId",
    operationId: "setSubstitute",
    summary: "Name (or clear) a substitute who may submit in the owner's place this round",
    tag: "rounds",
    access: "admin",
    body: z.object({ personId: id.nullable() }),
    response: storedRoundSchema,
  },
  {
    method: "get",
    path: "/api/rounds/:roundId/progress",
    operationId: "roundProgress",
    summary: "Delivery of the check-ins and the responses so far",
    tag: "rounds",
    access: "manager",
    response: roundProgressSchema,
  },
  {
    method: "get",
    path: "/api/rounds/:roundId/audit",
    operationId: "roundAudit",
    summary: "Administrative actions on the round, newest first",
    tag: "rounds",
    access: "admin",
    response: z.array(z.object({}).loose()),
  },

  // --- reports and the views built on them ---
  {
    method: "get",
    path: "/api/rounds/:roundId/overview",
    operationId: "roundOverview",
    summary: "The consolidated picture of a round: by theme, verdicts, response status, changes",
    description:
      "Managers see every submitted report; owners and preparers their own subjects, drafts included. A draft the " +
      "viewer may not read still counts as 'draft' in the response status, without its content.",
    tag: "views",
    access: "signedIn",
    response: overviewSchema,
  },
  {
    method: "get",
    path: "/api/rounds/:roundId/reports",
    operationId: "roundReports",
    summary: "Reports of the round the viewer may see",
    tag: "reports",
    access: "signedIn",
    response: z.array(storedReportSchema),
  },
  {
    method: "get",
    path: "/api/rounds/:roundId/reports/:subjectId",
    operationId: "report",
    summary: "One report and its history of saves (who did what, when)",
    tag: "reports",
    access: "signedIn",
    response: reportWithEventsSchema,
  },
  {
    method: "put",
    path: "/api/rounds/:roundId/reports/:subjectId",
    operationId: "saveReport",
    summary: "Save a draft or submit (owners, substitutes; preparers draft only)",
    tag: "reports",
    access: "signedIn",
    body: reportBodySchema,
    response: storedReportSchema,
  },
  {
    method: "get",
    path: "/api/goals/:goalId/subjects/:subjectId/history",
    operationId: "subjectHistory",
    summary: "A goal or project through every round that included it, with what changed",
    tag: "views",
    access: "signedIn",
    response: subjectHistorySchema,
  },
  {
    method: "get",
    path: "/api/rounds/:roundId/compare/:otherRoundId",
    operationId: "compareRounds",
    summary: "Two rounds side by side (otherRoundId is the earlier): verdict drift and new risks first",
    tag: "views",
    access: "signedIn",
    response: comparisonSchema,
  },

  // --- board exports ---
  exportFile(
    "summary.xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "The board's summary table as Excel",
  ),
  exportFile("summary.csv", "text/csv", "The board's summary table as CSV"),
  exportFile("summary.json", "application/json", "The board's summary table as JSON"),
  exportFile(
    "deck.pptx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "One slide deck per goal, as the decks the board knows",
  ),
];

/** Path parameters of a restify path, in order. */
export function pathParams(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1] ?? "");
}

export function findOperation(method: string, path: string): Operation | undefined {
  const m = method.toLowerCase();
  return OPERATIONS.find((o) => o.method === m && o.path === path);
}
