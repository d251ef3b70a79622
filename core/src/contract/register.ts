// The goal register: themes, goals (with projects and milestones), people and "me"; reads for every
// signed-in person (scoped to what they may see), edits for admins (every change audited).
import { z } from "zod";
import { goalSchema, id, languageSchema, orgRoleSchema, personSchema, themeSchema } from "./documents.js";
import { endpoint, idSchema } from "./endpoint.js";

export const meSchema = z.object({
  upn: z.string(),
  name: z.string(),
  personId: id.nullable(),
  language: languageSchema.nullable(),
  roles: z.array(orgRoleSchema),
});

/** Admins get whole person records, managers contact details, everyone else names only. */
export const personViewSchema = personSchema.partial().required({ id: true, displayName: true });

export const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }).loose();

const personChanges = {
  upn: personSchema.shape.upn.optional(),
  displayName: personSchema.shape.displayName.optional(),
  email: z.union([personSchema.shape.upn, z.null()]).optional(),
  language: z.union([languageSchema, z.null()]).optional(),
  roles: z.array(orgRoleSchema).max(2).optional(),
  managerId: z.union([idSchema, z.null()]).optional(),
};
/** A change of a person: only the fields given change; null clears. */
export const personUpdateSchema = z.object(personChanges).strict();
export const personCreateSchema = z
  .object({
    ...personChanges,
    id: idSchema.optional(),
    upn: personSchema.shape.upn,
    displayName: personSchema.shape.displayName,
  })
  .strict();

export const register = {
  me: endpoint({
    name: "me",
    method: "get",
    path: "/api/me",
    access: "signedIn",
    tag: "register",
    summary: "The signed-in person and their roles",
    response: meSchema,
  }),
  themes: endpoint({
    name: "themes",
    method: "get",
    path: "/api/themes",
    access: "signedIn",
    tag: "register",
    summary: "City-strategy themes",
    response: z.array(themeSchema),
  }),
  goals: endpoint({
    name: "goals",
    method: "get",
    path: "/api/goals",
    access: "signedIn",
    tag: "register",
    summary: "Binding goals (managers: all; owners and preparers: their own)",
    query: yearQuery,
    response: z.array(goalSchema),
  }),
  goal: endpoint({
    name: "goal",
    method: "get",
    path: "/api/goals/:goalId",
    access: "signedIn",
    tag: "register",
    summary: "One goal with its projects and milestones",
    response: goalSchema,
  }),
  saveGoal: endpoint({
    name: "saveGoal",
    method: "put",
    path: "/api/goals/:goalId",
    access: "admin",
    tag: "admin",
    summary: "Edit (or add) a goal of the register",
    description: "200 when the goal existed, 201 when it was added. Problems come back per field.",
    body: goalSchema,
    response: goalSchema,
  }),
  people: endpoint({
    name: "people",
    method: "get",
    path: "/api/people",
    access: "signedIn",
    tag: "register",
    summary: "People (admins: whole records; managers: contact details; others: names)",
    response: z.array(personViewSchema),
  }),
  createPerson: endpoint({
    name: "createPerson",
    method: "post",
    path: "/api/people",
    access: "admin",
    tag: "admin",
    summary: "Add a person to the register",
    body: personCreateSchema,
    response: personSchema,
    status: 201,
  }),
  savePerson: endpoint({
    name: "savePerson",
    method: "put",
    path: "/api/people/:personId",
    access: "admin",
    tag: "admin",
    summary: "Change a person: name, sign-in name, e-mail, language, roles, manager (null clears)",
    description: "An admin cannot take away their own admin role.",
    body: personUpdateSchema,
    response: personSchema,
  }),
};

export type Me = z.infer<typeof meSchema>;
export type PersonView = z.infer<typeof personViewSchema>;
export type PersonCreate = z.infer<typeof personCreateSchema>;
export type PersonUpdate = z.infer<typeof personUpdateSchema>;
