// Every card the bot can send, built with the bot's own card builders from the shared fixtures, each
// with a label: the card tests (renderer, accessibility) walk the same list.
import type { Language, Round } from "@goal-forecast/core/domain/model";
import { subjectsOfGoal } from "@goal-forecast/core/domain/subjects";
import type { AdaptiveCard } from "../../bot/src/cards/adaptive.js";
import { checkinCard, escalationCard } from "../../bot/src/cards/checkin.js";
import { conflictBanner } from "../../bot/src/cards/conflict.js";
import { closedRoundBanner, helpCard, noticeCard, statusCard } from "../../bot/src/cards/notices.js";
import { reportFormCard, valuesFromReport, type FormModel } from "../../bot/src/cards/report-form.js";
import { reportSummaryCard } from "../../bot/src/cards/report-summary.js";
import { goals, people, report, round } from "./fixtures.js";

export const nameOf = (id: string): string => people.find((p) => p.id === id)?.displayName ?? id;
export const digi = subjectsOfGoal(goals[0]!)[0]!;
export const seniors = subjectsOfGoal(goals[1]!)[0]!;
export const openRound = round();
export const closedRound: Round = { ...round(), state: "closed", closesAt: "2026-04-02T10:00:00.000Z" };
export const events = [
  {
    roundId: "2026-1",
    subjectId: "g-digi",
    at: "2026-03-10T08:00:00.000Z",
    by: "p-prep",
    action: "draft" as const,
    state: "draft" as const,
    progress: 40,
  },
  {
    roundId: "2026-1",
    subjectId: "g-digi",
    at: "2026-03-20T10:00:00.000Z",
    by: "p-owner",
    action: "submit" as const,
    state: "submitted" as const,
    progress: 60,
    verdict: "onTrack" as const,
  },
];

export function formModel(lang: Language, overrides: Partial<FormModel> = {}): FormModel {
  return {
    lang,
    round: openRound,
    subject: digi,
    role: "owner",
    values: valuesFromReport(report({ state: "draft" })),
    source: "current",
    stored: report({ state: "draft", updatedBy: "p-prep", version: "v1" }),
    version: "v1",
    editing: false,
    errors: [],
    history: events,
    nameOf,
    viewerId: "29:owner",
    ...overrides,
  };
}

/** Every card the bot can send for these subjects, labelled. */
export function allCards(lang: Language): [string, AdaptiveCard][] {
  const items = [
    { subject: digi, role: "owner" as const, status: "draft" as const, report: report({ state: "draft" }) },
    { subject: seniors, role: "preparer" as const, status: "missing" as const },
  ];
  const submitted = report({ submittedBy: "p-owner", submittedAt: "2026-03-20T10:00:00.000Z" });
  return [
    [
      "check-in",
      checkinCard({
        lang,
        round: openRound,
        person: people[0]!,
        items,
        kind: "checkin",
        nameOf,
        viewerId: "29:o",
      }),
    ],
    [
      "reminder",
      checkinCard({
        lang,
        round: openRound,
        person: people[0]!,
        items,
        kind: "reminder",
        daysLeft: 3,
        nameOf,
      }),
    ],
    [
      "overdue reminder",
      checkinCard({
        lang,
        round: openRound,
        person: people[0]!,
        items,
        kind: "reminder",
        daysLeft: -1,
        nameOf,
      }),
    ],
    [
      "check-in with nothing to report",
      checkinCard({ lang, round: openRound, person: people[0]!, items: [], kind: "checkin", nameOf }),
    ],
    ["form", reportFormCard(formModel(lang))],
    [
      "empty form",
      reportFormCard(
        formModel(lang, { values: { milestones: {}, risks: [] }, source: "empty", history: [] }),
      ),
    ],
    [
      "copied form",
      reportFormCard(
        formModel(lang, {
          source: "copied",
          copiedFrom: { ...openRound, id: "2025-3", name: { fi: "Ennuste 3/2025" } },
        }),
      ),
    ],
    ["preparer's form", reportFormCard(formModel(lang, { role: "preparer" }))],
    [
      "project form",
      reportFormCard(formModel(lang, { subject: seniors, values: { milestones: {}, risks: [] } })),
    ],
    ["editing a submitted report", reportFormCard(formModel(lang, { editing: true, stored: submitted }))],
    [
      "form with errors",
      reportFormCard(
        formModel(lang, {
          errors: [
            { field: "progress", code: "outOfRange", params: { min: 0, max: 100 } },
            { field: "milestones.m1.status", code: "required" },
            { field: "narrative", code: "tooLong", params: { max: 3000, length: 50000 } },
            { field: "risks.0.mitigation", code: "required" },
          ],
        }),
      ),
    ],
    [
      "conflict",
      reportFormCard(
        formModel(lang, {
          banner: conflictBanner(
            report({ updatedBy: "p-owner", verdict: "atRisk" }),
            valuesFromReport(report()),
            digi,
            lang,
            nameOf,
          ),
        }),
      ),
    ],
    [
      "summary",
      reportSummaryCard({
        lang,
        round: openRound,
        subject: digi,
        report: submitted,
        canEdit: true,
        canContinue: false,
        history: events,
        nameOf,
        viewerId: "29:o",
      }),
    ],
    [
      "draft summary",
      reportSummaryCard({
        lang,
        round: openRound,
        subject: digi,
        report: report({ state: "draft" }),
        canEdit: false,
        canContinue: true,
        history: [],
        nameOf,
      }),
    ],
    [
      "closed summary",
      reportSummaryCard({
        lang,
        round: closedRound,
        subject: digi,
        report: submitted,
        canEdit: false,
        canContinue: false,
        history: events,
        nameOf,
      }),
    ],
    ["help", helpCard(lang)],
    ["help after unknown text", helpCard(lang, "?")],
    [
      "status",
      statusCard(lang, [
        {
          round: openRound,
          lines: [
            { title: "Digitalisaatio", status: "submitted" },
            { title: "Liikkumisohjelma: Ikäihmiset", status: "missing" },
          ],
        },
      ]),
    ],
    ["status without rounds", statusCard(lang, [])],
    [
      "closed notice",
      noticeCard(lang, closedRoundBanner(closedRound, lang), { round: closedRound, backToList: true }),
    ],
    [
      "escalation",
      escalationCard(lang, openRound, [
        { subject: { ...digi, isProject: false }, owners: ["Olga Owner"], status: "missing" },
        { subject: { ...seniors, isProject: true }, owners: ["Otto Owner", "Olga Owner"], status: "draft" },
      ]),
    ],
    ["escalation with nothing missing", escalationCard(lang, openRound, [])],
  ];
}
