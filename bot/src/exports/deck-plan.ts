// What a slide plan is: the slide's geometry (inches) and the blocks the layout places on it, as
// plain data. deck-layout.ts decides them; pptx.ts draws them and nothing else.
import type { MilestoneStatus } from "@goal-forecast/core/domain/model";
import type { ExportSubject } from "./model.js";

/** 16:9, PowerPoint's "widescreen" size, in inches. */
export const SLIDE = { w: 13.333, h: 7.5 } as const;
export const MARGIN_X = 0.45;
export const CONTENT_W = SLIDE.w - 2 * MARGIN_X;
export const KICKER_BOX = { x: MARGIN_X, y: 0.22, w: 9.2, h: 0.3 } as const;
/** The slide title sits in the layout's title placeholder (screen readers and the outline use it). */
export const TITLE_BOX = { x: MARGIN_X, y: 0.52, w: 9.2, h: 0.82 } as const;
export const BADGE_BOX = { x: SLIDE.w - MARGIN_X - 2.9, y: 0.3, w: 2.9, h: 0.8 } as const;
export const BODY_BOTTOM = 6.98;
export const FOOTER_Y = 7.06;
export const BODY_SIZES: readonly number[] = [14, 13, 12, 11, 10];
export interface Para {
  text: string;
  size: number;
  bold?: boolean;
  italic?: boolean;
  /** Points above the paragraph (ignored for the first paragraph of a box). */
  spaceBefore: number;
  /** A heading: never left alone at the bottom of a slide. */
  keepWithNext?: boolean;
  /** Moved whole to the next slide rather than split (a milestone), unless it alone fills a slide. */
  keepTogether?: boolean;
}

export interface TextBlock {
  kind: "text";
  x: number;
  y: number;
  w: number;
  h: number;
  paras: Para[];
}

export interface StatusHeaderBlock {
  kind: "statusHeader";
  x: number;
  y: number;
  w: number;
  h: number;
  status: MilestoneStatus;
  text: string;
  size: number;
}

export interface BarMarker {
  number: number;
  status: MilestoneStatus;
  /** Centre of the marker on the slide. */
  cx: number;
  /** Wrapped label lines (empty when the milestone has no label or there is no room for one). */
  label: string[];
  labelBox?: { x: number; y: number; w: number; h: number };
  above: boolean;
}

export interface BarBlock {
  kind: "bar";
  x: number;
  y: number;
  w: number;
  h: number;
  heading: string;
  headingSize: number;
  /** The bar itself. */
  track: { x: number; y: number; w: number; h: number };
  progress?: number;
  markers: BarMarker[];
  labelSize: number;
  /** Text for screen readers: the same facts as the picture. */
  altText: string;
}

export type Block = TextBlock | StatusHeaderBlock | BarBlock;

export interface SlidePlan {
  subject: ExportSubject;
  /** 1-based; above 1 for a continuation slide. */
  page: number;
  pages: number;
  bodySize: number;
  kicker: string;
  title: string;
  titleSize: number;
  meta: Para;
  metaY: number;
  ruleY: number;
  blocks: Block[];
}
