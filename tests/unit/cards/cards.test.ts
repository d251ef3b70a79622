// Every card the bot sends, in every language, through the official adaptivecards renderer: parses
// without warnings, renders its inputs, stays under Teams' size limit for the largest demo goal, and
// shows people's text literally (Markdown escaped).
import assert from "node:assert/strict";
import { LIMITS } from "@goal-forecast/core/domain/limits";
import {
  LANGUAGES,
  type Language,
  type Report,
  type Round,
  type Subject,
} from "@goal-forecast/core/domain/model";
import { subjectsOfGoal } from "@goal-forecast/core/domain/subjects";
import { readDemoData } from "../../../bot/src/register/demo.js";
import { cardBytes, type AdaptiveCard } from "../../../bot/src/cards/adaptive.js";
import { checkinCard, escalationCard } from "../../../bot/src/cards/checkin.js";
import { conflictBanner } from "../../../bot/src/cards/conflict.js";
import { closedRoundBanner, helpCard, noticeCard, statusCard } from "../../../bot/src/cards/notices.js";
import { reportFormCard, valuesFromReport, type FormModel } from "../../../bot/src/cards/report-form.js";
import { reportSummaryCard } from "../../../bot/src/cards/report-summary.js";
import { inputIds } from "../../../bot/src/cards/actions.js";
import { renderCard } from "../../support/adaptive-cards.js";
import { goals, people, report, round } from "../../support/fixtures.js";

const nameOf = (id: string): string => people.find((p) => p.id === id)?.displayName ?? id;
const digi = subjectsOfGoal(goals[0]!)[0]!;
const seniors = subjectsOfGoal(goals[1]!)[0]!;
const openRound = round();
const closedRound: Round = { ...round(), state: "closed", closesAt: "2026-04-02T10:00:00.000Z" };
const events = [
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

function formModel(lang: Language, overrides: Partial<FormModel> = {}): FormModel {
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
function allCards(lang: Language): [string, AdaptiveCard][] {
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

describe("check-in cards in the official adaptivecards renderer", () => {
  for (const lang of LANGUAGES) {
    describe(`in ${lang}`, () => {
      for (const [label, card] of allCards(lang)) {
        it(`renders the ${label} card without warnings`, () => {
          const rendered = renderCard(card);
          assert.deepEqual(rendered.warnings, [], label);
          assert.ok(rendered.html.length > 200);
          assert.ok(rendered.bytes < 80 * 1024);
        });
      }

      it("renders every input of the form: status, actual against target, note, progress, verdict, narrative, risks", () => {
        const rendered = renderCard(reportFormCard(formModel(lang)));
        const ids = rendered.inputs.map((i) => i.id);
        for (const m of digi.milestones) {
          assert.ok(ids.includes(inputIds.status(m.id)));
          assert.ok(ids.includes(inputIds.note(m.id)));
          assert.equal(ids.includes(inputIds.actual(m.id)), m.target !== undefined, `actual of ${m.id}`);
        }
        for (const id of [
          inputIds.progress,
          inputIds.verdict,
          inputIds.narrative,
          inputIds.risk(0),
          inputIds.mitigation(0),
        ]) {
          assert.ok(ids.includes(id), id);
        }
        assert.ok(rendered.html.includes("<input"), "inputs are rendered as form controls");
        assert.ok(rendered.html.includes("<textarea"), "multi-line texts are rendered");
      });
    });
  }

  it("shows the actual value against its target as the decks do", () => {
    const card = reportSummaryCard({
      lang: "fi",
      round: openRound,
      subject: digi,
      report: report(),
      canEdit: false,
      canContinue: false,
      history: [],
      nameOf,
    });
    const json = JSON.stringify(card);
    assert.match(json, /12 \/ 20 tilaa/);
    assert.match(json, /82\s%\s\/\s80\s%/);
  });

  it("shows people's text literally: Markdown in a narrative, risk or name is not interpreted", () => {
    const sneaky =
      "**ALL DONE** [click](http://evil.example) _x_\n- not a list\n1. not numbered\n# not a heading";
    const card = reportSummaryCard({
      lang: "fi",
      round: openRound,
      subject: { ...digi, title: "Digi *beta*" },
      report: report({ narrative: sneaky, risks: [{ risk: "[a](http://b)", mitigation: "`code`" }] }),
      canEdit: false,
      canContinue: false,
      history: [{ ...events[0]!, by: "p-x" }],
      nameOf: () => "**Mallory**",
    });
    const { html, warnings } = renderCard(card);
    assert.deepEqual(warnings, []);
    assert.ok(!html.includes("<a "), "no links from user text");
    assert.ok(!/<strong>(ALL DONE|Mallory|beta)/.test(html), "no bold from user text");
    assert.ok(!html.includes("<li>"), "no lists from user text");
    assert.ok(!html.includes("<h1>"), "no headings from user text");
    assert.ok(!html.includes("<code>"), "no code from user text");
    assert.ok(html.includes("**ALL DONE**") || html.includes("*ALL DONE*") || html.includes("ALL DONE"));
    assert.ok(html.includes("[click](http://evil.example)"), "the text as typed");
  });

  it("shows HTML and script links in people's text as text: no image, no link, no bold", () => {
    const hostile = "<img src=x onerror=alert(1)> **bold** [link](javascript:x)";
    const card = reportSummaryCard({
      lang: "en",
      round: openRound,
      subject: digi,
      report: report({ narrative: hostile, risks: [{ risk: hostile, mitigation: hostile }] }),
      canEdit: false,
      canContinue: false,
      history: [],
      nameOf,
    });
    const { html, warnings } = renderCard(card);
    assert.deepEqual(warnings, []);
    assert.ok(!/<img/i.test(html), "no image element from user text");
    assert.ok(!/<a /i.test(html) && !/javascript:x"/i.test(html), "no link from user text");
    assert.ok(!/<strong>bold/.test(html), "no bold from user text");
    // The text as typed, HTML-escaped by the renderer, three times (narrative, risk, mitigation).
    assert.equal(html.split("&lt;img src=x onerror=alert(1)&gt;").length - 1, 3);
    assert.equal(html.split("[link](javascript:x)").length - 1, 3);
  });

  describe("the largest demo goal", () => {
    const { register } = readDemoData();
    const subjects: Subject[] = register.goals.flatMap(subjectsOfGoal);
    /** A report with every text at its limit: the biggest card the form can ever become. */
    function fullest(subject: Subject): Report {
      const long = (n: number): string =>
        "Ääkköset ja pitkät perustelut. ".repeat(Math.ceil(n / 31)).slice(0, n);
      return {
        ...report({ subjectId: subject.id, goalId: subject.goalId }),
        milestones: subject.milestones.map((m) => ({
          milestoneId: m.id,
          status: "inProgress" as const,
          ...(m.target ? { actual: m.target.value } : {}),
          note: long(LIMITS.milestoneNote),
        })),
        narrative: long(LIMITS.narrative),
        risks: Array.from({ length: LIMITS.risks }, () => ({
          risk: long(LIMITS.riskText),
          mitigation: long(LIMITS.mitigationText),
        })),
      };
    }
    const sizes = subjects.map((subject) => {
      const full = fullest(subject);
      return {
        subject,
        form: reportFormCard({ ...formModel("sv"), subject, values: valuesFromReport(full), stored: full }),
        summary: reportSummaryCard({
          lang: "sv",
          round: openRound,
          subject,
          report: full,
          canEdit: true,
          canContinue: false,
          history: events,
          nameOf,
        }),
      };
    });
    const largest = [...sizes].sort((a, b) => cardBytes(b.form) - cardBytes(a.form))[0]!;

    it(`keeps every demo subject's fullest form and summary under 80 KB (largest: ${largest.subject.title.slice(0, 40)}…)`, () => {
      assert.ok(subjects.length >= 10, "demo data loaded");
      for (const { subject, form, summary } of sizes) {
        assert.ok(cardBytes(form) < 80 * 1024, `${subject.id} form: ${cardBytes(form)} bytes`);
        assert.ok(cardBytes(summary) < 80 * 1024, `${subject.id} summary: ${cardBytes(summary)} bytes`);
      }
    });

    it("renders the largest demo subject's fullest form with every input, without warnings", () => {
      const rendered = renderCard(largest.form);
      assert.deepEqual(rendered.warnings, []);
      const expected =
        largest.subject.milestones.length * 2 +
        largest.subject.milestones.filter((m) => m.target).length +
        3 +
        LIMITS.risks * 2;
      assert.equal(rendered.inputs.length, expected);
    });
  });
});
