// Where everything goes on a goal's or project's slide, as plain data (inches and points), decided
// before anything is drawn. The layout follows seeds 000/002: the goal and sub-goal, a 0–100 % bar with
// the milestones placed on it, the milestones in three columns (not started / in progress / done), then
// the forecast with its reasoning beside the risks and how they are met.
//
// Texts never overflow: the slide is laid out at the largest body size (14 pt down to 10 pt) at which
// everything fits on one slide; when nothing fits even at 10 pt, the rest continues on further slides
// of the same subject, split between paragraphs (or between lines of a very long paragraph).
import type { MilestoneStatus } from "@goal-forecast/core/domain/model";
import { LINE_HEIGHT } from "./measure.js";
import type { ExportMilestone, ExportSubject } from "./model.js";
import {
  BADGE_BOX,
  BODY_BOTTOM,
  BODY_SIZES,
  CONTENT_W,
  MARGIN_X,
  SLIDE,
  TITLE_BOX,
  type BarBlock,
  type BarMarker,
  type Block,
  type Para,
  type SlidePlan,
} from "./deck-plan.js";
import type { DeckText } from "./deck-text.js";
import { fitSize, inches, paraHeight, paraLines, parasHeight } from "./deck-paragraphs.js";

const SMALLEST_SIZE = 10;
const ROW_GAP = 0.14;
const COLUMN_GAP = 0.2;
const STATUS_HEADER_H = 0.3;
const BAR_H = 0.18;
const MARKER_D = 0.3;

/** A row of the body: one or more side-by-side columns of paragraphs, or the progress bar. */
type Row =
  | {
      kind: "columns";
      columns: { x: number; w: number; header?: { status: MilestoneStatus; text: string }; paras: Para[] }[];
      headerSize?: number;
      /** The forecast and risks: start a new slide here when the subject needs more than one. */
      breakBefore?: boolean;
    }
  | { kind: "bar"; build: (y: number) => BarBlock };

interface Page {
  blocks: Block[];
  y: number;
}

/** Lays out one subject: one slide, or more when its texts do not fit on one even at the smallest size. */
export function layoutSubject(subject: ExportSubject, t: DeckText): SlidePlan[] {
  const header = headerOf(subject, t);
  // Everything on one slide at the largest size that fits. Failing that, the fewest slides at the
  // largest size that needs no more (shrink only when it saves a slide), preferring the seed decks'
  // split: goal, bar and milestones on one slide, the forecast and risks starting the next. Smaller
  // text never needs more slides, so the smallest size tells what is possible.
  const layout = (size: number, breaks: boolean): Block[][] =>
    paginate(rowsOf(subject, size, t), header.bodyTop, breaks);
  const smallest = SMALLEST_SIZE;
  let chosen: number = smallest;
  let pages = layout(smallest, false);
  if (pages.length === 1) {
    for (const size of BODY_SIZES.slice(0, -1)) {
      const tried = layout(size, false);
      if (tried.length === 1) {
        [chosen, pages] = [size, tried];
        break;
      }
    }
  } else {
    const split = layout(smallest, true);
    if (split.length <= pages.length) pages = split;
    const fewest = pages.length;
    search: for (const size of BODY_SIZES.slice(0, -1))
      for (const breaks of [true, false]) {
        const tried = layout(size, breaks);
        if (tried.length === fewest) {
          [chosen, pages] = [size, tried];
          break search;
        }
      }
  }
  return pages.map((blocks, index) => ({
    subject,
    page: index + 1,
    pages: pages.length,
    bodySize: chosen,
    kicker: index === 0 ? header.kicker : `${header.kicker} · ${t.continued(index + 1, pages.length)}`,
    title: subject.title,
    titleSize: header.titleSize,
    meta: header.meta,
    metaY: header.metaY,
    ruleY: header.ruleY,
    blocks,
  }));
}

function headerOf(subject: ExportSubject, t: DeckText) {
  const kicker = subject.projectId ? `${subject.themeName} · ${subject.goalTitle}` : subject.themeName;
  const titleSize = fitSize(subject.title, TITLE_BOX.w, TITLE_BOX.h, [26, 24, 22, 20, 18, 16, 14], 3, true);
  const metaParts = [
    subject.owners.length > 0 ? `${t.owners(subject.owners.length)}: ${subject.owners.join(", ")}` : "",
    subject.preparers.length > 0 ? `${t.preparers}: ${subject.preparers.join(", ")}` : "",
    subject.reportedBy && subject.reportedOn
      ? t.reported(subject.reportedBy, subject.reportedOn)
      : t.notReported,
  ].filter(Boolean);
  const metaText = metaParts.join("  ·  ");
  const titleLines = paraLines(
    { text: subject.title, size: titleSize, bold: true, spaceBefore: 0 },
    TITLE_BOX.w,
  ).length;
  const titleBottom = TITLE_BOX.y + inches(titleLines * titleSize * LINE_HEIGHT);
  const metaY = Math.max(titleBottom, BADGE_BOX.y + BADGE_BOX.h) + 0.08;
  const metaSize = fitSize(metaText, CONTENT_W, 0.42, [12, 11, 10, 9], 2, false);
  const meta: Para = { text: metaText, size: metaSize, spaceBefore: 0 };
  const metaH = parasHeight([meta], CONTENT_W);
  const ruleY = metaY + metaH + 0.06;
  return { kicker, titleSize, meta, metaY, ruleY, bodyTop: ruleY + 0.12 };
}

function rowsOf(subject: ExportSubject, size: number, t: DeckText): Row[] {
  const rows: Row[] = [];
  const heading = (text: string, first = false): Para => ({
    text,
    size: size + 1,
    bold: true,
    spaceBefore: first ? 0 : 8,
    keepWithNext: true,
  });

  // The goal and sub-goal (or the project under its goal), as "Sitova tavoite:" / "Osatavoite:" in the seeds.
  const goal: Para[] = [heading(`${t.goal}:`, true), ...paragraphs(subject.goalText, size, 2)];
  if (subject.subGoal) goal.push(heading(`${t.subGoal}:`), ...paragraphs(subject.subGoal, size, 2));
  if (subject.projectText) goal.push(heading(`${t.project}:`), ...paragraphs(subject.projectText, size, 2));
  rows.push({ kind: "columns", columns: [{ x: MARGIN_X, w: CONTENT_W, paras: goal }] });

  rows.push({ kind: "bar", build: (y) => barBlock(subject, y, size, t) });

  if (subject.milestones.length > 0) {
    const statuses: MilestoneStatus[] = ["notStarted", "inProgress", "done"];
    const w = (CONTENT_W - 2 * COLUMN_GAP) / 3;
    rows.push({
      kind: "columns",
      headerSize: size - 1,
      columns: statuses.map((status, i) => ({
        x: MARGIN_X + i * (w + COLUMN_GAP),
        w,
        header: { status, text: t.status[status] },
        paras: subject.milestones.filter((m) => m.status === status).flatMap((m) => milestoneParas(m, size)),
      })),
    });
  }

  const half = (CONTENT_W - COLUMN_GAP * 1.5) / 2;
  const forecast: Para[] = [
    heading(t.forecast, true),
    {
      text: subject.verdict.label + (subject.status === "draft" ? ` (${t.draft})` : ""),
      size,
      bold: true,
      spaceBefore: 3,
    },
    ...(subject.narrative
      ? paragraphs(subject.narrative, size, 4)
      : [{ text: t.noNarrative, size, italic: true, spaceBefore: 4 }]),
  ];
  const risks: Para[] = [heading(t.risks, true)];
  if (subject.risks.length === 0) risks.push({ text: t.noRisks, size, italic: true, spaceBefore: 4 });
  for (const r of subject.risks) {
    if (r.risk) risks.push(...paragraphs(r.risk.startsWith("•") ? r.risk : `• ${r.risk}`, size, 6));
    if (r.mitigation)
      risks.push(
        ...paragraphs(`${t.mitigation}: ${r.mitigation}`, size, 2).map((p) => ({
          ...p,
          italic: true,
        })),
      );
  }
  rows.push({
    kind: "columns",
    breakBefore: true,
    columns: [
      { x: MARGIN_X, w: half, paras: forecast },
      { x: MARGIN_X + half + COLUMN_GAP * 1.5, w: half, paras: risks },
    ],
  });
  return rows;
}

/** A text's own paragraphs (its line breaks); an empty line adds space before the next paragraph. */
function paragraphs(text: string, size: number, spaceBefore: number): Para[] {
  const result: Para[] = [];
  let gap = spaceBefore;
  for (const line of text.split("\n")) {
    if (line.trim() === "") {
      gap = spaceBefore + size * 0.6;
      continue;
    }
    result.push({ text: line.trim(), size, spaceBefore: result.length === 0 ? spaceBefore : gap });
    gap = Math.min(spaceBefore, 3);
  }
  return result;
}

/** A milestone and its note stay together on one slide: a note alone on the next slide says nothing. */
function milestoneParas(m: ExportMilestone, size: number): Para[] {
  const paras: Para[] = [
    {
      // The value ("2 / 7 palvelua") is kept on one line: no-break spaces.
      text: `${m.number}. ${m.text}${m.value ? ` (${m.value.replace(/ /g, "\u00a0")})` : ""}`,
      size,
      spaceBefore: 7,
      keepTogether: true,
    },
  ];
  if (m.note)
    paras.push(...paragraphs(m.note, size - 1, 1).map((p) => ({ ...p, italic: true, keepTogether: true })));
  // Each paragraph but the last of the milestone goes with the next one.
  return paras.map((p, i) => (i < paras.length - 1 ? { ...p, keepWithNext: true } : p));
}

function barBlock(subject: ExportSubject, y: number, size: number, t: DeckText): BarBlock {
  const headingSize = size + 1;
  const labelSize = Math.max(8, size - 4);
  const n = subject.milestones.length;
  const track = { x: MARGIN_X + 0.6, w: CONTENT_W - 0.6 - 1.0, h: BAR_H, y: 0 };
  const slot = n > 0 ? track.w / n : track.w;
  const labelW = Math.min(slot * 2 - 0.1, 2.6);
  const lineH = inches(labelSize * LINE_HEIGHT);
  const markers: BarMarker[] = subject.milestones.map((m, i) => {
    const cx = track.x + slot * (i + 1);
    const label = m.label && labelW >= 0.6 ? clampLines(m.label, labelW, labelSize, 3) : [];
    return { number: m.number, status: m.status, cx, label, above: i % 2 === 0 };
  });
  const linesAbove = Math.max(0, ...markers.filter((m) => m.above).map((m) => m.label.length));
  const linesBelow = Math.max(0, ...markers.filter((m) => !m.above).map((m) => m.label.length));
  const headingH = inches(headingSize * LINE_HEIGHT) + 0.04;
  const aboveH = linesAbove * lineH + (linesAbove > 0 ? 0.04 : 0);
  const zoneH = MARKER_D + 0.04;
  const belowH = linesBelow * lineH + (linesBelow > 0 ? 0.04 : 0);
  const zoneY = y + headingH + aboveH;
  track.y = zoneY + (zoneH - BAR_H) / 2;
  for (const m of markers) {
    if (m.label.length === 0) continue;
    const h = m.label.length * lineH;
    const x = Math.min(Math.max(m.cx - labelW / 2, MARGIN_X), SLIDE.w - MARGIN_X - labelW);
    m.labelBox = m.above
      ? { x, y: zoneY - 0.02 - h, w: labelW, h }
      : { x, y: zoneY + zoneH + 0.02, w: labelW, h };
  }
  const progress = subject.progress;
  const heading = progress === undefined ? t.notReported : t.progress(subject.progressLabel ?? "");
  const described = subject.milestones
    .map((m) => `${m.number}. ${m.label ?? m.text} (${m.statusLabel})`)
    .join("; ");
  return {
    kind: "bar",
    x: MARGIN_X,
    y,
    w: CONTENT_W,
    h: headingH + aboveH + zoneH + belowH,
    heading,
    headingSize,
    track,
    ...(progress !== undefined ? { progress } : {}),
    markers,
    labelSize,
    altText: t.barAlt(subject.progressLabel ?? "–", described || "–"),
  };
}

/** Wraps a short label to at most `max` lines, ending the last with "…" when it is longer. */
function clampLines(text: string, width: number, size: number, max: number): string[] {
  const lines = paraLines({ text, size, bold: false, spaceBefore: 0 }, width);
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  let last = `${kept[max - 1]}…`;
  while (last.length > 1 && paraLines({ text: last, size, spaceBefore: 0 }, width).length > 1)
    last = `${last.slice(0, -2)}…`;
  kept[max - 1] = last;
  return kept;
}

/**
 * Places the rows top-down, starting a new slide when the next piece does not fit. Column rows are
 * split between paragraphs; a paragraph taller than the room left is split between lines when at
 * least two of its lines fit. The bar is never split.
 */
function paginate(rows: Row[], bodyTop: number, breaks: boolean): Block[][] {
  const pages: Page[] = [{ blocks: [], y: bodyTop }];
  const page = (): Page => pages[pages.length - 1]!;
  const newPage = (): void => {
    pages.push({ blocks: [], y: bodyTop });
  };
  for (const row of rows) {
    if (row.kind === "bar") {
      let bar = row.build(page().y);
      if (bar.y + bar.h > BODY_BOTTOM && page().blocks.length > 0) {
        newPage();
        bar = row.build(page().y);
      }
      page().blocks.push(bar);
      page().y = bar.y + bar.h + ROW_GAP;
      continue;
    }
    if (breaks && row.breakBefore && page().blocks.length > 0) newPage();
    const queues = row.columns.map((c) => [...c.paras]);
    const headerH = row.columns.some((c) => c.header) ? STATUS_HEADER_H + 0.06 : 0;
    let firstPiece = true;
    while (firstPiece || queues.some((q) => q.length > 0)) {
      firstPiece = false;
      const top = page().y;
      const room = BODY_BOTTOM - top - headerH;
      const taken = row.columns.map((column, i) =>
        take(queues[i]!, column.w, room, page().blocks.length === 0),
      );
      const tookSomething = taken.some((paras) => paras.length > 0);
      const allEmpty = row.columns.every((_, i) => queues[i]!.length === 0) && !tookSomething;
      if (!tookSomething && !allEmpty) {
        if (page().blocks.length === 0) throw new Error("layout: a line does not fit on an empty slide");
        // Nothing fits in what is left of this slide: continue the row on the next one.
        row.columns.forEach((_, i) => queues[i]!.unshift(...taken[i]!));
        newPage();
        firstPiece = true;
        continue;
      }
      let height = 0;
      row.columns.forEach((column, i) => {
        if (column.header && row.kind === "columns")
          page().blocks.push({
            kind: "statusHeader",
            x: column.x,
            y: top,
            w: column.w,
            h: STATUS_HEADER_H,
            status: column.header.status,
            text: column.header.text,
            size: row.headerSize ?? 12,
          });
        const paras = taken[i]!;
        if (paras.length === 0) return;
        const h = parasHeight(paras, column.w);
        page().blocks.push({
          kind: "text",
          x: column.x,
          y: top + headerH,
          w: column.w,
          h,
          paras: paras.map((p, j) => (j === 0 ? { ...p, spaceBefore: 0 } : p)),
        });
        height = Math.max(height, h);
      });
      page().y = top + headerH + height + ROW_GAP;
      if (queues.some((q) => q.length > 0)) newPage();
    }
  }
  return pages.map((p) => p.blocks);
}

/**
 * Takes from the front of `queue` the paragraphs that fit in `room` inches of a column `width` wide.
 * On an empty slide at least one line is taken, so the layout always moves forward.
 */
function take(queue: Para[], width: number, room: number, emptySlide: boolean): Para[] {
  const taken: Para[] = [];
  let used = 0;
  while (queue.length > 0) {
    const para = queue[0]!;
    const h = paraHeight(para, width, taken.length === 0);
    if (used + h <= room) {
      taken.push(para);
      used += h;
      queue.shift();
      continue;
    }
    const lines = paraLines(para, width);
    const lineH = inches(para.size * LINE_HEIGHT);
    const space = taken.length === 0 ? 0 : inches(para.spaceBefore);
    const fit = Math.floor((room - used - space) / lineH + 1e-9);
    // At least two lines on either side of a split (no orphan or widow line), except where the slide
    // is empty and something must move forward; a milestone is split only when it alone fills a slide.
    const first = taken.length === 0 && emptySlide;
    const minimum = first ? 1 : 2;
    const splittable = first || !para.keepTogether;
    if (splittable && fit >= minimum && fit < lines.length && (first || lines.length - fit >= 2)) {
      taken.push({ ...para, text: lines.slice(0, fit).join(" ") });
      queue[0] = { ...para, text: lines.slice(fit).join(" "), spaceBefore: 0 };
    }
    break;
  }
  // A heading goes with what follows it.
  while (taken.length > (emptySlide ? 1 : 0) && taken[taken.length - 1]!.keepWithNext && queue.length > 0)
    queue.unshift(taken.pop()!);
  return taken;
}
