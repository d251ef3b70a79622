// How much room a paragraph of the deck takes: its wrapped lines and height in a box of a given
// width, and the largest size at which a text fits. Measured once per text, size and width.
import { LINE_HEIGHT, wrapText } from "./measure.js";
import type { Para } from "./deck-plan.js";

/** Rendering differs a little between PowerPoint, LibreOffice and Keynote: keep a margin. */
const WIDTH_SAFETY = 0.96;

export const pt = (inches: number): number => inches * 72;
export const inches = (points: number): number => points / 72;

/**
 * Wrapped lines of recent paragraphs: one subject is laid out at several sizes and each paragraph is
 * measured several times per layout. Bounded, so a large round does not keep every text twice.
 */
const measured = new Map<string, Map<string, string[]>>();
const MEASURED_MAX = 5_000;

/** The lines a paragraph takes in a box `width` inches wide. */
export function paraLines(para: Para, width: number): string[] {
  let byStyle = measured.get(para.text);
  if (!byStyle) {
    if (measured.size >= MEASURED_MAX) measured.clear();
    byStyle = new Map();
    measured.set(para.text, byStyle);
  }
  const key = `${para.size}|${para.bold ? 1 : 0}|${width}`;
  let lines = byStyle.get(key);
  if (!lines) {
    lines = wrapLines(para, width);
    byStyle.set(key, lines);
  }
  return lines;
}

function wrapLines(para: Para, width: number): string[] {
  return wrapText(para.text, pt(width) * WIDTH_SAFETY, para.size, para.bold === true);
}

export function paraHeight(para: Para, width: number, first: boolean): number {
  return inches((first ? 0 : para.spaceBefore) + paraLines(para, width).length * para.size * LINE_HEIGHT);
}

export function parasHeight(paras: readonly Para[], width: number): number {
  return paras.reduce((h, p, i) => h + paraHeight(p, width, i === 0), 0);
}

/** The largest size from `sizes` at which `text` takes at most `maxLines` lines in `height` inches. */
export function fitSize(
  text: string,
  width: number,
  height: number,
  sizes: number[],
  maxLines: number,
  bold: boolean,
) {
  for (const size of sizes) {
    const lines = paraLines({ text, size, bold, spaceBefore: 0 }, width).length;
    if (lines <= maxLines && inches(lines * size * LINE_HEIGHT) <= height) return size;
  }
  return sizes[sizes.length - 1]!;
}
