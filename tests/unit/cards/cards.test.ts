// Every card the bot sends, in every language, through the official adaptivecards renderer: parses
// without warnings, renders its inputs, stays under Teams' size limit for the largest demo goal, and
// shows people's text literally (Markdown escaped).
import assert from "node:assert/strict";
import { LIMITS } from "@goal-forecast/core/domain/limits";
import { LANGUAGES, type Report, type Subject } from "@goal-forecast/core/domain/model";
import { subjectsOfGoal } from "@goal-forecast/core/domain/subjects";
import { readDemoData } from "../../../bot/src/register/demo.js";
import { cardBytes } from "../../../bot/src/cards/adaptive.js";
import { reportFormCard, valuesFromReport } from "../../../bot/src/cards/report-form.js";
import { reportSummaryCard } from "../../../bot/src/cards/report-summary.js";
import { inputIds } from "../../../bot/src/cards/actions.js";
import { renderCard } from "../../support/adaptive-cards.js";
import { allCards, digi, events, formModel, nameOf, openRound } from "../../support/bot-cards.js";
import { report } from "../../support/fixtures.js";

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
