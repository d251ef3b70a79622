// A small register built in code, for tests that must not depend on the demo data's details.
import { inputIds } from "../../bot/src/cards/actions.js";
import type { Goal, Person, Register, Report, Round, Theme } from "@goal-forecast/core/domain/model";

export const themes: Theme[] = [
  {
    id: "toimivin",
    name: {
      fi: "Maailman toimivin kaupunki",
      sv: "Världens mest fungerande stad",
      en: "Most functional city",
    },
    order: 1,
  },
  { id: "palvelut", name: { fi: "Uudistuvat palvelut" }, order: 2 },
];

export const people: Person[] = [
  { id: "p-owner", upn: "owner@example.org", displayName: "Olga Owner", language: "fi" },
  { id: "p-owner2", upn: "owner2@example.org", displayName: "Otto Owner", language: "sv" },
  { id: "p-prep", upn: "prep@example.org", displayName: "Pia Preparer", language: "en" },
  { id: "p-sub", upn: "sub@example.org", displayName: "Sami Substitute" },
  { id: "p-mgr", upn: "mgr@example.org", displayName: "Maija Manager", roles: ["manager"] },
  { id: "p-admin", upn: "admin@example.org", displayName: "Aki Admin", roles: ["admin"] },
  { id: "p-other", upn: "other@example.org", displayName: "Outi Outsider" },
];

export const goals: Goal[] = [
  {
    id: "g-digi",
    year: 2026,
    themeId: "toimivin",
    title: "Digitalisaatio",
    text: "Palveluja parannetaan asiakaskokemuksen perusteella",
    actions: [],
    indicators: [],
    recoveryIndicator: false,
    crossThemes: [],
    ownerIds: ["p-owner"],
    preparerIds: ["p-prep"],
    milestones: [
      { id: "m1", text: "Teamsin käyttöönotto", order: 1, target: { kind: "percent", value: 80 } },
      { id: "m2", text: "Varaamon tilat", order: 2, target: { kind: "count", value: 20, unit: "tilaa" } },
      { id: "m3", text: "Dashboard", order: 3 },
    ],
    projects: [],
    order: 1,
    active: true,
  },
  {
    id: "g-move",
    year: 2026,
    themeId: "palvelut",
    title: "Liikkumisohjelma",
    text: "Helsingissä on helppoa lähteä liikkeelle",
    actions: [],
    indicators: [],
    recoveryIndicator: true,
    crossThemes: ["Liikkumisohjelma"],
    ownerIds: ["p-owner2"],
    preparerIds: [],
    milestones: [],
    projects: [
      {
        id: "g-move-seniors",
        goalId: "g-move",
        title: "Ikäihmiset",
        ownerIds: ["p-owner2", "p-owner"],
        preparerIds: ["p-prep"],
        milestones: [{ id: "m1", text: "Palvelutorit", order: 1, target: { kind: "count", value: 4 } }],
        order: 1,
      },
      {
        id: "g-move-kids",
        goalId: "g-move",
        title: "Pienet lapset",
        ownerIds: [],
        preparerIds: [],
        milestones: [],
        order: 2,
      },
    ],
    order: 2,
    active: true,
  },
];

export const register: Register = { themes, people, goals };

export function round(overrides: Partial<Round> = {}): Round {
  return {
    id: "2026-1",
    year: 2026,
    number: 1,
    name: { fi: "Ennuste 1/2026" },
    state: "open",
    dueAt: "2026-03-30T12:00:00.000Z",
    goalIds: ["g-digi", "g-move"],
    reminderDays: [7, 2, 0],
    substitutes: {},
    createdAt: "2026-03-01T08:00:00.000Z",
    createdBy: "p-admin",
    ...overrides,
  };
}

export function report(overrides: Partial<Report> = {}): Report {
  return {
    roundId: "2026-1",
    subjectId: "g-digi",
    goalId: "g-digi",
    milestones: [
      { milestoneId: "m1", status: "done", actual: 82 },
      { milestoneId: "m2", status: "inProgress", actual: 12 },
      { milestoneId: "m3", status: "notStarted" },
    ],
    progress: 60,
    verdict: "onTrack",
    narrative: "Etenee.",
    risks: [{ risk: "Korona", mitigation: "Etätyö" }],
    state: "submitted",
    updatedBy: "p-owner",
    updatedAt: "2026-03-20T10:00:00.000Z",
    ...overrides,
  };
}

/** The report form of g-digi filled in completely (input id → value, as Teams sends them). */
export const completeDigiInputs: Record<string, string> = {
  [inputIds.status("m1")]: "done",
  [inputIds.actual("m1")]: "82",
  [inputIds.status("m2")]: "inProgress",
  [inputIds.actual("m2")]: "12",
  [inputIds.status("m3")]: "notStarted",
  [inputIds.progress]: "60",
  [inputIds.verdict]: "onTrack",
  [inputIds.narrative]: "Etenee.",
  [inputIds.risk(0)]: "Korona",
  [inputIds.mitigation(0)]: "Etätyö",
};
