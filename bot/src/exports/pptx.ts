// The deck (seeds 000/002) drawn with pptxgenjs from the slide plans (deck-plan.ts) that deck-layout.ts makes: a title slide
// for the round, then each goal or project on its own slide (continued on the next when its texts do
// not fit). Every slide has a real title (the layout's title placeholder), text in the export's
// language, and the verdict in words; colours only repeat what the words say.
import type { Writable } from "node:stream";
import * as pptxgen from "pptxgenjs";
import { LOCALE_TAG, translator } from "@goal-forecast/core/i18n";
import { LINE_HEIGHT } from "./measure.js";
import { layoutSubject } from "./deck-layout.js";
import {
  BADGE_BOX,
  CONTENT_W,
  FOOTER_Y,
  KICKER_BOX,
  MARGIN_X,
  SLIDE,
  TITLE_BOX,
  type BarBlock,
  type Block,
  type Para,
  type SlidePlan,
} from "./deck-plan.js";
import { deckText } from "./deck-text.js";
import type { ExportModel, VerdictCode } from "./model.js";
import { ACCENT, BAR_FILL, BAR_TRACK, INK, MUTED, STATUS_COLOURS, VERDICT_COLOURS } from "./palette.js";
import { repairPackage } from "./pptx-package.js";

const FONT = "Arial";
const SUBJECT_MASTER = "GF-SUBJECT";
const TITLE_MASTER = "GF-TITLE";
const TITLE_SLIDE_BOX = { x: 0.9, y: 1.6, w: SLIDE.w - 1.8, h: 1.3 } as const;

// pptxgenjs's typings describe CommonJS (module.exports.default is the class) while Node loads its ES
// build (the default export is the class): accept either shape.
type PptxClass = typeof pptxgen.default.default;
const loaded = pptxgen.default as unknown as PptxClass | { default: PptxClass };
const PptxGenJS: PptxClass = "default" in loaded ? loaded.default : loaded;
type Pptx = InstanceType<typeof PptxGenJS>;
type Slide = ReturnType<Pptx["addSlide"]>;

/** Every slide plan of the deck: the subjects in the model's order, continuation slides included. */
export function planDeck(model: ExportModel): SlidePlan[] {
  const text = deckText(translator(model.lang));
  return model.subjects.flatMap((s) => layoutSubject(s, text));
}

/**
 * Renders the deck to `out` as a .pptx package, in this thread: seconds of blocking work for a large
 * round. The server renders through deck-renderer.ts (a worker thread) instead.
 */
export async function writeDeckPptx(model: ExportModel, out: Writable): Promise<void> {
  await writePlannedDeck(model, planDeck(model), out);
}

/** Draws the slides `planDeck` gave and writes the package to `out`. */
export async function writePlannedDeck(model: ExportModel, plans: SlidePlan[], out: Writable): Promise<void> {
  const buffer = await renderDeck(model, plans);
  await repairPackage(buffer, out);
}

async function renderDeck(model: ExportModel, plans: SlidePlan[]): Promise<Buffer> {
  const t = translator(model.lang);
  const lang = LOCALE_TAG[model.lang];
  const pptx = new PptxGenJS();
  pptx.layout = "LAYOUT_WIDE";
  pptx.title = `${model.title}: ${model.round.name}`;
  pptx.subject = model.deckSubtitle;
  pptx.author = "Goal Forecast";
  pptx.company = "Goal Forecast";
  // Arial comes from the theme, not from every run: the slides are measured for it (measure.ts), and
  // repeating it in each run would make a large deck's XML a third bigger.
  pptx.theme = { headFontFace: FONT, bodyFontFace: FONT };

  const footer = `${model.title} · ${model.round.name}`;
  const slideNumber = {
    x: SLIDE.w - MARGIN_X - 1.2,
    y: FOOTER_Y,
    w: 1.2,
    h: 0.3,
    fontSize: 9,
    color: MUTED,
    align: "right" as const,
  };
  pptx.defineSlideMaster({
    title: SUBJECT_MASTER,
    objects: [
      { placeholder: { options: { name: "title", type: "title", ...TITLE_BOX }, text: "" } },
      {
        text: {
          text: footer,
          options: {
            x: MARGIN_X,
            y: FOOTER_Y,
            w: 9,
            h: 0.3,
            fontSize: 9,
            color: MUTED,
            margin: 0,
            valign: "middle",
          },
        },
      },
    ],
    slideNumber,
  });
  pptx.defineSlideMaster({
    title: TITLE_MASTER,
    objects: [{ placeholder: { options: { name: "title", type: "title", ...TITLE_SLIDE_BOX }, text: "" } }],
  });

  titleSlide(pptx, model, lang, t);
  for (const plan of plans) subjectSlide(pptx, plan, model, lang);
  // "STREAM" is the output type that honours `compression` (it too gives a Buffer).
  return (await pptx.write({ outputType: "STREAM", compression: true })) as Buffer;
}

function titleSlide(pptx: Pptx, model: ExportModel, lang: string, t: ReturnType<typeof translator>): void {
  const slide = pptx.addSlide({ masterName: TITLE_MASTER });
  slide.addText(model.title, {
    placeholder: "title",
    fontSize: 36,
    bold: true,
    color: ACCENT,
    lang,
    align: "left",
    valign: "bottom",
    margin: 0,
  });
  const lines: Para[] = [
    { text: model.deckSubtitle, size: 22, spaceBefore: 0 },
    { text: t("exports:document.compiled", { date: model.generatedOn }), size: 14, spaceBefore: 14 },
    ...model.scopeNotes.map((note) => ({ text: note, size: 14, spaceBefore: 4 })),
    {
      text: t("exports:document.counts", { submitted: model.counts.submitted, total: model.counts.total }),
      size: 14,
      spaceBefore: 4,
    },
  ];
  if (model.subjects.length === 0)
    lines.push({ text: t("exports:document.empty"), size: 14, spaceBefore: 4 });
  addParas(slide, lines, { x: 0.9, y: 3.05, w: SLIDE.w - 1.8, h: 2.1 }, lang, INK);

  const shown = (Object.entries(model.counts.verdicts) as [VerdictCode, number][]).filter(([, n]) => n > 0);
  const boxW = 2.7;
  shown.forEach(([code, count], i) => {
    const colours = VERDICT_COLOURS[code];
    slide.addText(`${t(`verdict.${code}`)}: ${count}`, {
      shape: pptx.ShapeType.rect,
      x: 0.9 + i * (boxW + 0.2),
      y: 5.4,
      w: boxW,
      h: 0.6,
      fill: { color: colours.fill },
      line: { color: colours.text, width: 0.75 },
      color: colours.text,
      bold: true,
      fontSize: 14,
      align: "center",
      valign: "middle",
      lang,
    });
  });
}

function subjectSlide(pptx: Pptx, plan: SlidePlan, model: ExportModel, lang: string): void {
  const slide = pptx.addSlide({ masterName: SUBJECT_MASTER });
  slide.addText(plan.kicker, {
    ...KICKER_BOX,
    fontSize: 12,
    color: MUTED,
    margin: 0,
    valign: "bottom",
    lang,
  });
  slide.addText(plan.title, {
    placeholder: "title",
    fontSize: plan.titleSize,
    bold: true,
    color: ACCENT,
    lineSpacing: plan.titleSize * LINE_HEIGHT,
    align: "left",
    valign: "top",
    margin: 0,
    lang,
  });
  badge(pptx, slide, plan, model, lang);
  addParas(
    slide,
    [plan.meta],
    { x: MARGIN_X, y: plan.metaY, w: CONTENT_W, h: plan.ruleY - plan.metaY },
    lang,
    INK,
  );
  slide.addText("", {
    shape: pptx.ShapeType.rect,
    x: MARGIN_X,
    y: plan.ruleY,
    w: CONTENT_W,
    h: 0.02,
    fill: { color: ACCENT },
    line: { color: ACCENT, width: 0 },
  });
  for (const block of plan.blocks) drawBlock(pptx, slide, block, lang);
}

/** Round and verdict in the top right corner, in words on the verdict's colour. */
function badge(pptx: Pptx, slide: Slide, plan: SlidePlan, model: ExportModel, lang: string): void {
  const { verdict, status } = plan.subject;
  const colours = VERDICT_COLOURS[verdict.code];
  const t = translator(model.lang);
  const lines = [
    { text: model.round.name, options: { fontSize: 11, breakLine: true } },
    {
      text: verdict.label,
      options: { fontSize: verdict.label.length > 18 ? 14 : 17, bold: true, breakLine: status === "draft" },
    },
    ...(status === "draft" ? [{ text: t("exports:deck.draft"), options: { fontSize: 10, bold: true } }] : []),
  ];
  slide.addText(lines, {
    shape: pptx.ShapeType.rect,
    ...BADGE_BOX,
    fill: { color: colours.fill },
    line: { color: colours.text, width: 1 },
    color: colours.text,
    align: "center",
    valign: "middle",
    margin: 4,
    lang,
  });
}

function drawBlock(pptx: Pptx, slide: Slide, block: Block, lang: string): void {
  switch (block.kind) {
    case "text":
      addParas(slide, block.paras, { x: block.x, y: block.y, w: block.w, h: block.h + 0.04 }, lang, INK);
      return;
    case "statusHeader": {
      const colours = STATUS_COLOURS[block.status];
      slide.addText(block.text, {
        shape: pptx.ShapeType.rect,
        x: block.x,
        y: block.y,
        w: block.w,
        h: block.h,
        fill: { color: colours.fill },
        line: { color: colours.fill, width: 0 },
        color: colours.text,
        bold: true,
        fontSize: block.size,
        align: "center",
        valign: "middle",
        margin: 0,
        lang,
      });
      return;
    }
    case "bar":
      drawBar(pptx, slide, block, lang);
  }
}

function drawBar(pptx: Pptx, slide: Slide, bar: BarBlock, lang: string): void {
  const text = { color: INK, margin: 0, lang };
  slide.addText(bar.heading, {
    ...text,
    x: bar.x,
    y: bar.y,
    w: CONTENT_W / 2,
    h: (bar.headingSize * LINE_HEIGHT) / 72,
    fontSize: bar.headingSize,
    bold: true,
    valign: "top",
  });
  const { track } = bar;
  const endY = track.y + track.h / 2 - 0.13;
  slide.addText("0 %", {
    ...text,
    x: MARGIN_X,
    y: endY,
    w: 0.5,
    h: 0.26,
    fontSize: bar.labelSize + 1,
    align: "right",
    valign: "middle",
  });
  slide.addText("100 %", {
    ...text,
    x: track.x + track.w + 0.2,
    y: endY,
    w: 0.75,
    h: 0.26,
    fontSize: bar.labelSize + 1,
    valign: "middle",
  });
  slide.addText("", {
    shape: pptx.ShapeType.rect,
    ...track,
    fill: { color: BAR_TRACK },
    line: { color: "7F7F7F", width: 0.75 },
    objectName: bar.altText.slice(0, 250),
  });
  if (bar.progress !== undefined && bar.progress > 0)
    slide.addText("", {
      shape: pptx.ShapeType.rect,
      x: track.x,
      y: track.y,
      w: (track.w * Math.min(100, bar.progress)) / 100,
      h: track.h,
      fill: { color: BAR_FILL },
      line: { color: BAR_FILL, width: 0 },
    });
  const d = 0.3;
  for (const m of bar.markers) {
    const colours = STATUS_COLOURS[m.status];
    slide.addText(String(m.number), {
      shape: pptx.ShapeType.ellipse,
      x: m.cx - d / 2,
      y: track.y + track.h / 2 - d / 2,
      w: d,
      h: d,
      fill: { color: colours.fill },
      line: { color: INK, width: 1 },
      ...text,
      color: colours.text,
      fontSize: 9,
      bold: true,
      align: "center",
      valign: "middle",
    });
    if (m.labelBox)
      slide.addText(
        m.label.map((line, i) => ({
          text: line,
          options: {
            fontSize: bar.labelSize,
            lineSpacing: bar.labelSize * LINE_HEIGHT,
            breakLine: i < m.label.length - 1,
          },
        })),
        { ...text, ...m.labelBox, align: "center", valign: m.above ? "bottom" : "top" },
      );
  }
}

/** One text box of paragraphs, each a single run (pptxgenjs writes invalid XML for mixed-style paragraphs). */
function addParas(
  slide: Slide,
  paras: readonly Para[],
  box: { x: number; y: number; w: number; h: number },
  lang: string,
  color: string,
): void {
  slide.addText(
    paras.map((p, i) => ({
      text: p.text,
      options: {
        fontSize: p.size,
        bold: p.bold === true,
        italic: p.italic === true,
        lineSpacing: p.size * LINE_HEIGHT,
        ...(i > 0 && p.spaceBefore > 0 ? { paraSpaceBefore: p.spaceBefore } : {}),
        breakLine: i < paras.length - 1,
      },
    })),
    { ...box, color, margin: 0, valign: "top", lang },
  );
}
