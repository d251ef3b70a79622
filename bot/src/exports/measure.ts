// Text measurement for the exports: how wide a string is in Arial and where PowerPoint and Excel will
// wrap it. The deck decides with it whether a slide's texts fit (or continue on the next slide) and
// the workbook sets row heights with it, since neither format measures text for us when it is written.
import { ARIAL_BOLD, ARIAL_REGULAR, type FontWidths } from "./font-metrics.js";

/** Line height PowerPoint and Excel use for Arial at single spacing, as a multiple of the font size. */
export const LINE_HEIGHT = 1.2;

/** Advance widths (1/1000 em) of U+0000–U+00FF for fast lookup; 0 marks "not in the table". */
function table(widths: FontWidths): Float64Array {
  const result = new Float64Array(256);
  widths.ascii.forEach((w, i) => (result[32 + i] = w));
  widths.latin1.forEach((w, i) => (result[160 + i] = w));
  return result;
}
const FONTS = [
  { fast: table(ARIAL_REGULAR), widths: ARIAL_REGULAR },
  { fast: table(ARIAL_BOLD), widths: ARIAL_BOLD },
] as const;

/** Width of the character at `i` in 1/1000 em, and how many UTF-16 units it takes. */
function advance(font: (typeof FONTS)[number], text: string, i: number): [number, number] {
  const code = text.charCodeAt(i);
  if (code < 256) return [font.fast[code] || 556, 1];
  const cp = text.codePointAt(i) ?? code;
  const width = font.widths.extra[cp] ?? (cp >= 0x2e80 ? 1000 : 600);
  return [width, cp > 0xffff ? 2 : 1];
}

/** Width of `text` in points at `size` points. Italic Arial has the regular widths. */
export function textWidth(text: string, size: number, bold = false): number {
  const font = FONTS[bold ? 1 : 0];
  let total = 0;
  for (let i = 0; i < text.length;) {
    const [w, units] = advance(font, text, i);
    total += w;
    i += units;
  }
  return (total * size) / 1000;
}

/**
 * Greedy word wrap of one paragraph (no line breaks inside) into lines, as PowerPoint and Excel wrap:
 * at spaces, and inside a word only when the word alone is wider than the line. (They also break after
 * a hyphen; not doing so here only ever counts a line too many, never one too few.)
 */
export function wrapText(text: string, width: number, size: number, bold = false): string[] {
  const font = FONTS[bold ? 1 : 0];
  const limit = (width * 1000) / size;
  const lines: string[] = [];
  let start = 0;
  let used = 0;
  /** The last space on the current line and the width of the line after it. */
  let space = -1;
  let afterSpace = 0;
  for (let i = 0; i < text.length;) {
    const [w, units] = advance(font, text, i);
    if (text.charCodeAt(i) === 32) {
      space = i;
      afterSpace = 0;
      used += w;
      i += units;
      continue;
    }
    if (used + w > limit && i > start) {
      if (space >= start) {
        lines.push(text.slice(start, space).trimEnd());
        start = space + 1;
        used = afterSpace;
      } else {
        lines.push(text.slice(start, i));
        start = i;
        used = 0;
        afterSpace = 0;
      }
      space = -1;
    }
    used += w;
    afterSpace += w;
    i += units;
  }
  lines.push(text.slice(start).trimEnd());
  return lines;
}

/** Lines a plain text takes at `size` in a box `width` points wide, honouring its own line breaks. */
export function lineCount(text: string, width: number, size: number, bold = false): number {
  return text.split("\n").reduce((n, paragraph) => n + wrapText(paragraph, width, size, bold).length, 0);
}
