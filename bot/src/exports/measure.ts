// Text measurement for the exports: how wide a string is in Arial and where PowerPoint and Excel will
// wrap it. The deck decides with it whether a slide's texts fit (or continue on the next slide) and
// the workbook sets row heights with it, since neither format measures text for us when it is written.
import { ARIAL_BOLD, ARIAL_REGULAR, type FontWidths } from "./font-metrics.js";

/** A piece of text in one style. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

/** Width of a character in 1/1000 em; characters outside the table count as a wide-ish average. */
function advance(widths: FontWidths, cp: number): number {
  if (cp >= 32 && cp <= 126) return widths.ascii[cp - 32] ?? 556;
  if (cp >= 160 && cp <= 255) return widths.latin1[cp - 160] ?? 556;
  return widths.extra[cp] ?? (cp >= 0x2e80 ? 1000 : 600);
}

/** Width of `text` in points at `size` points. Italic Arial has the regular widths. */
export function textWidth(text: string, size: number, bold = false): number {
  const widths = bold ? ARIAL_BOLD : ARIAL_REGULAR;
  let total = 0;
  for (const ch of text) total += advance(widths, ch.codePointAt(0) ?? 32);
  return (total * size) / 1000;
}

/** One word (with the space after it, if any) in its run's style. */
interface Token {
  word: string;
  space: string;
  bold: boolean;
  italic: boolean;
}

function tokenize(runs: readonly Run[]): Token[] {
  const tokens: Token[] = [];
  for (const run of runs) {
    for (const m of run.text.matchAll(/(\S+)(\s*)|(\s+)/g)) {
      const word = m[1] ?? "";
      const space = m[2] ?? m[3] ?? "";
      const style = { bold: run.bold === true, italic: run.italic === true };
      if (word === "" && tokens.length > 0) tokens[tokens.length - 1]!.space += space;
      else if (word !== "") tokens.push({ word, space, ...style });
    }
  }
  return tokens;
}

/** Breaks a word longer than a line into pieces that fit (PowerPoint does the same). */
function breakWord(token: Token, width: number, size: number): Token[] {
  const pieces: Token[] = [];
  let current = "";
  for (const ch of token.word) {
    if (current !== "" && textWidth(current + ch, size, token.bold) > width) {
      pieces.push({ ...token, word: current, space: "" });
      current = ch;
    } else current += ch;
  }
  pieces.push({ ...token, word: current });
  return pieces;
}

/**
 * Greedy word wrap of one paragraph (no line breaks inside) into lines of runs, as PowerPoint and
 * Excel wrap: at spaces, and inside a word only when the word alone is wider than the line.
 */
export function wrapRuns(runs: readonly Run[], width: number, size: number): Run[][] {
  const lines: Token[][] = [];
  let line: Token[] = [];
  let lineWidth = 0;
  const queue = tokenize(runs);
  while (queue.length > 0) {
    const token = queue.shift()!;
    const w = textWidth(token.word, size, token.bold);
    if (line.length > 0 && lineWidth + w > width) {
      lines.push(line);
      line = [];
      lineWidth = 0;
    }
    if (line.length === 0 && w > width) {
      queue.unshift(...breakWord(token, width, size));
      const first = queue.shift()!;
      line.push(first);
      lineWidth = textWidth(first.word + first.space, size, first.bold);
      continue;
    }
    line.push(token);
    lineWidth += w + textWidth(token.space, size, token.bold);
  }
  if (line.length > 0 || lines.length === 0) lines.push(line);
  return lines.map((tokens) => mergeTokens(tokens));
}

function mergeTokens(tokens: readonly Token[]): Run[] {
  const runs: Run[] = [];
  tokens.forEach((t, i) => {
    const text = t.word + (i === tokens.length - 1 ? "" : t.space);
    const last = runs[runs.length - 1];
    if (last && (last.bold === true) === t.bold && (last.italic === true) === t.italic) last.text += text;
    else runs.push({ text, ...(t.bold ? { bold: true } : {}), ...(t.italic ? { italic: true } : {}) });
  });
  return runs;
}

/** Lines a plain text takes at `size` in a box `width` points wide, honouring its own line breaks. */
export function lineCount(text: string, width: number, size: number, bold = false): number {
  return text
    .split("\n")
    .reduce((n, paragraph) => n + wrapRuns([{ text: paragraph, bold }], width, size).length, 0);
}

/** Line height PowerPoint and Excel use for Arial at single spacing, in points. */
export const LINE_HEIGHT = 1.2;
