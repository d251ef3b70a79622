import assert from "node:assert/strict";
import fc from "fast-check";
import { layoutSubject } from "../../../bot/src/exports/deck-layout.js";
import {
  BODY_BOTTOM,
  BODY_SIZES,
  SLIDE,
  type SlidePlan,
  type TextBlock,
} from "../../../bot/src/exports/deck-plan.js";
import { deckText } from "../../../bot/src/exports/deck-text.js";
import { LINE_HEIGHT, textWidth, wrapText } from "../../../bot/src/exports/measure.js";
import type { ExportSubject } from "../../../bot/src/exports/model.js";
import { translator } from "@goal-forecast/core/i18n";

const text = deckText(translator("fi"));
const words = (n: number, seed = "tavoite"): string =>
  Array.from({ length: n }, (_, i) => `${seed}${i % 7 === 0 ? "." : ""}`).join(" ");

function subject(overrides: Partial<ExportSubject> = {}): ExportSubject {
  return {
    subjectId: "s",
    goalId: "g",
    themeId: "th",
    themeName: "Maailman toimivin kaupunki",
    goalTitle: "Digitalisaatio",
    title: "Digitalisaatio",
    goalText: "Palveluja parannetaan asiakaskokemuksen perusteella",
    owners: ["Aino Aaltonen"],
    preparers: ["Olli Harju"],
    status: "submitted",
    verdict: { code: "onTrack", label: "Toteutumassa" },
    progress: 40,
    progressLabel: "40 %",
    milestones: [
      {
        number: 1,
        text: "Teamsin käyttöönotto",
        status: "done",
        statusLabel: "Tehty",
        label: "TAVOITETASO SAAVUTETTU",
      },
      {
        number: 2,
        text: "Varaamon tilat",
        status: "inProgress",
        statusLabel: "Tekeillä",
        value: "12 / 20 tilaa",
      },
      { number: 3, text: "Dashboard", status: "notStarted", statusLabel: "Tekemättä" },
    ],
    narrative: "Etenee suunnitellusti.",
    risks: [{ risk: "Korona", mitigation: "Etätyö" }],
    reportedBy: "Aino Aaltonen",
    reportedOn: "22.6.2020",
    ...overrides,
  };
}

/** Everything that must stay inside the slide body, and the measured height of every text box. */
function assertInside(plans: SlidePlan[]): void {
  for (const plan of plans)
    for (const block of plan.blocks) {
      assert.ok(block.y >= plan.ruleY, `${block.kind} starts below the header`);
      assert.ok(
        block.y + block.h <= BODY_BOTTOM + 1e-9,
        `${block.kind} ends at ${block.y + block.h} > ${BODY_BOTTOM}`,
      );
      assert.ok(block.x >= 0 && block.x + block.w <= SLIDE.w + 1e-9, `${block.kind} inside the width`);
      if (block.kind !== "text") continue;
      const measured = block.paras.reduce(
        (h, p, i) =>
          h +
          (i === 0 ? 0 : p.spaceBefore) +
          wrapText(p.text, block.w * 72 * 0.96, p.size, p.bold).length * p.size * LINE_HEIGHT,
        0,
      );
      assert.ok(measured / 72 <= block.h + 1e-9, "the box is as tall as its wrapped text");
    }
}

const textBlocks = (plans: SlidePlan[]): TextBlock[] =>
  plans.flatMap((p) => p.blocks.filter((b): b is TextBlock => b.kind === "text"));
/** Each column's text read across the slides (a column continues where it stopped). */
const columnTexts = (plans: SlidePlan[]): string[] => {
  const columns = new Map<string, string[]>();
  for (const block of textBlocks(plans)) {
    const key = `${block.x.toFixed(3)}|${block.w.toFixed(3)}`;
    columns.set(key, [...(columns.get(key) ?? []), ...block.paras.map((p) => p.text)]);
  }
  return [...columns.values()].map((paras) => paras.join(" ").replace(/\s+/g, " "));
};

describe("deck layout: texts shrink, then continue, never overflow", () => {
  it("puts a short report on one slide at the largest size", () => {
    const plans = layoutSubject(subject(), text);
    assert.equal(plans.length, 1);
    assert.equal(plans[0]!.bodySize, BODY_SIZES[0]);
    assertInside(plans);
    const bar = plans[0]!.blocks.find((b) => b.kind === "bar");
    assert.ok(bar && bar.kind === "bar");
    assert.deepEqual(
      bar.markers.map((m) => [m.number, m.status, m.label.join(" ")]),
      [
        [1, "done", "TAVOITETASO SAAVUTETTU"],
        [2, "inProgress", ""],
        [3, "notStarted", ""],
      ],
    );
    // Milestones sit along the bar in order, the last at 100 %.
    const xs = bar.markers.map((m) => m.cx);
    assert.deepEqual(
      [...xs].sort((a, b) => a - b),
      xs,
    );
    assert.ok(Math.abs(xs[2]! - (bar.track.x + bar.track.w)) < 1e-9);
    assert.equal(bar.progress, 40);
  });

  it("shrinks a longer report before it adds a slide", () => {
    const plans = layoutSubject(
      subject({ narrative: words(150), risks: [{ risk: words(40), mitigation: words(40) }] }),
      text,
    );
    assert.equal(plans.length, 1);
    assert.ok(plans[0]!.bodySize < BODY_SIZES[0]!);
    assertInside(plans);
  });

  it("continues the largest possible report on further slides, losing nothing", () => {
    const big = subject({
      title: `IKÄIHMISET: ${words(25, "Palvelutorien")}`,
      goalText: words(420),
      subGoal: words(420, "osatavoite"),
      milestones: Array.from({ length: 30 }, (_, i) => ({
        number: i + 1,
        text: words(140, `välitavoite${i}`),
        status: (["notStarted", "inProgress", "done"] as const)[i % 3]!,
        statusLabel: "x",
        label: words(30, "LABEL"),
        value: "2 / 7 palvelua",
        note: words(40, "huomio"),
      })),
      narrative: Array.from({ length: 6 }, () => words(70, "perustelu")).join("\n"),
      risks: Array.from({ length: 8 }, (_, i) => ({
        risk: words(200, `riski${i}`),
        mitigation: words(140, `varautuminen${i}`),
      })),
    });
    const plans = layoutSubject(big, text);
    assert.ok(plans.length > 2);
    assertInside(plans);
    plans.forEach((p, i) => {
      assert.equal(p.page, i + 1);
      assert.equal(p.pages, plans.length);
      if (i > 0) assert.match(p.kicker, new RegExp(`jatkuu, ${i + 1}/${plans.length}$`));
    });
    const shown = columnTexts(plans).join(" | ");
    for (const expected of [
      big.goalText,
      big.subGoal!,
      ...big.milestones.map((m) => `${m.number}. ${m.text} (${m.value})`),
      ...big.milestones.map((m) => m.note!),
      ...big.narrative.split("\n"),
      ...big.risks.map((r) => `• ${r.risk}`),
      ...big.risks.map((r) => `Varautuminen: ${r.mitigation}`),
    ])
      assert.ok(shown.includes(expected.replace(/\s+/g, " ")), `kept: ${expected.slice(0, 40)}…`);
    // The bar's labels are cut to three lines with an ellipsis when there is room for them at all.
    const bars = plans.flatMap((p) => p.blocks.filter((b) => b.kind === "bar"));
    assert.equal(bars.length, 1, "one bar, never split");
    for (const m of bars[0]!.kind === "bar" ? bars[0]!.markers : []) assert.ok(m.label.length <= 3);
  });

  it("moves a milestone with its note to the next slide whole, and splits no paragraph to leave one line", () => {
    // Milestones of four to six lines each, enough for two slides: each must sit whole on one slide.
    const milestones = Array.from({ length: 14 }, (_, i) => ({
      number: i + 1,
      text: words(24 + (i % 3) * 6, `välitavoite${i}`),
      status: "inProgress" as const,
      statusLabel: "Tekeillä",
      note: words(18, `huomio${i}`),
    }));
    const plans = layoutSubject(subject({ milestones, narrative: words(120, "perustelu"), risks: [] }), text);
    assert.ok(plans.length > 1, "the milestones need a second slide");
    assertInside(plans);
    for (const m of milestones) {
      const heading = `${m.number}. ${m.text}`;
      const holders = plans.filter((p) =>
        p.blocks.some(
          (b) => b.kind === "text" && b.paras.some((para) => para.text.startsWith(`${m.number}. `)),
        ),
      );
      assert.equal(holders.length, 1, `milestone ${m.number} on one slide`);
      const paras = holders[0]!.blocks.flatMap((b) => (b.kind === "text" ? b.paras : []));
      assert.ok(
        paras.some((para) => para.text === heading),
        `milestone ${m.number} whole`,
      );
      assert.ok(
        paras.some((para) => para.text === m.note),
        `its note beside it`,
      );
    }
    // The narrative continues on the next slide with at least two of its lines on each.
    const narrative = words(120, "perustelu");
    const pieces = textBlocks(plans).flatMap((block) =>
      block.paras
        .filter((para) => para.text !== narrative && narrative.includes(para.text))
        .map((para) => wrapText(para.text, block.w * 72 * 0.96, para.size, para.bold).length),
    );
    for (const lines of pieces) assert.ok(lines >= 2, "no one-line piece of a split paragraph");
  });

  it("keeps any report inside the slide (property)", () => {
    const textArb = fc.string({ minLength: 0, maxLength: 600 });
    fc.assert(
      fc.property(
        fc.record({
          goalText: fc.string({ minLength: 1, maxLength: 1500 }),
          narrative: textArb,
          risks: fc.array(fc.record({ risk: textArb, mitigation: textArb }), { maxLength: 8 }),
          milestones: fc.array(
            fc.record({ text: fc.string({ minLength: 1, maxLength: 400 }), note: textArb }),
            { maxLength: 30 },
          ),
        }),
        (r) => {
          const plans = layoutSubject(
            subject({
              goalText: r.goalText,
              narrative: r.narrative,
              risks: r.risks,
              milestones: r.milestones.map((m, i) => ({
                number: i + 1,
                text: m.text,
                status: (["notStarted", "inProgress", "done"] as const)[i % 3]!,
                statusLabel: "x",
                ...(m.note ? { note: m.note } : {}),
              })),
            }),
            text,
          );
          assertInside(plans);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("text measurement", () => {
  it("wraps at spaces within the width, and breaks a word only when it is wider than the line", () => {
    const paragraph =
      "Kulttuurin ja vapaa-ajan toimiala edistää toiminnallaan fyysisesti aktiivista ja kokemusrikasta elämäntapaa.";
    for (const width of [120, 300]) {
      const lines = wrapText(paragraph, width, 12);
      assert.equal(lines.join(" "), paragraph);
      for (const line of lines) assert.ok(textWidth(line, 12) <= width || !line.includes(" "), line);
    }
    assert.deepEqual(wrapText("Supercalifragilistic", 40, 12).join(""), "Supercalifragilistic");
    assert.ok(textWidth("WWW", 12) > textWidth("iii", 12), "proportional widths");
    assert.ok(textWidth("Helsinki", 12, true) > textWidth("Helsinki", 12), "bold is wider");
  });
});
