// Draws the Teams app icons (appPackage/color.png 192×192, appPackage/outline.png 32×32) from
// geometry, so the design lives in code review and needs no image editor: a target (the binding
// goal) hit by an arrow (the forecast). `npm run icons` rewrites both files.
//
// Teams' rules: the colour icon is 192×192 with the symbol inside the central safe area on a solid
// background (the manifest's accentColor); the outline icon is 32×32, white on transparent, nothing else.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PNG } from "pngjs";

/** The manifest's accentColor, also the colour icon's background. */
export const ACCENT = { r: 0x1f, g: 0x5a, b: 0x96 };

type Point = readonly [number, number];
/** A shape in a unit square (0..1 both ways, y down): is this point inside? */
type Shape = (x: number, y: number) => boolean;

const ring =
  (c: Point, radius: number, width: number): Shape =>
  (x, y) =>
    Math.abs(Math.sqrt((x - c[0]) ** 2 + (y - c[1]) ** 2) - radius) <= width / 2;

const disc =
  (c: Point, radius: number): Shape =>
  (x, y) =>
    Math.sqrt((x - c[0]) ** 2 + (y - c[1]) ** 2) <= radius;

/** A stroke with round ends between two points. */
const stroke =
  (a: Point, b: Point, width: number): Shape =>
  (x, y) => {
    const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
    const t = Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / (dx * dx + dy * dy)));
    return Math.sqrt((x - a[0] - t * dx) ** 2 + (y - a[1] - t * dy) ** 2) <= width / 2;
  };

const triangle =
  (p: Point, q: Point, r: Point): Shape =>
  (x, y) => {
    const side = (a: Point, b: Point) => (b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0]);
    const [s1, s2, s3] = [side(p, q), side(q, r), side(r, p)];
    return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
  };

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((s) => s(x, y));

const minus =
  (shape: Shape, hole: Shape): Shape =>
  (x, y) =>
    shape(x, y) && !hole(x, y);

/**
 * The symbol inside a box (unit coordinates of the whole icon). `bold` thickens strokes for the
 * 32-pixel outline icon, where hairlines would vanish.
 */
function symbol(box: { x: number; y: number; size: number }, bold: boolean): Shape {
  const at = (u: number, v: number): Point => [box.x + u * box.size, box.y + v * box.size];
  const len = (u: number) => u * box.size;
  const centre = at(0.44, 0.56);
  const w = len(bold ? 0.11 : 0.085);
  const rings = bold
    ? ring(centre, len(0.36), w)
    : union(ring(centre, len(0.4), w), ring(centre, len(0.24), w));
  const bullseye = disc(centre, len(bold ? 0.13 : 0.095));
  // The arrow leaves the bull's eye towards the upper right: from the goal, where it is heading.
  // A gap around its shaft keeps the rings readable where they cross.
  const tip = at(0.95, 0.05);
  const shaft = stroke(centre, tip, w);
  const gap = stroke(centre, tip, w * 2.6);
  const head = triangle(at(0.7, 0.16), at(0.84, 0.3), at(0.98, 0.02));
  return union(minus(rings, gap), bullseye, shaft, head);
}

/**
 * Coverage of a shape per pixel, 0..1, so edges are anti-aliased: s×s samples where the pixel's
 * corners and centre disagree (an edge crosses it), the shared value where they agree (strokes are
 * several pixels wide, so nothing thinner than a pixel is lost).
 */
function rasterize(size: number, shape: Shape, s = 8): Float64Array {
  const coverage = new Float64Array(size * size);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const probe = [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
        [0.5, 0.5],
      ].map(([dx = 0, dy = 0]) => shape((px + dx) / size, (py + dy) / size));
      if (probe.every((inside) => inside === probe[0])) {
        coverage[py * size + px] = probe[0] ? 1 : 0;
        continue;
      }
      let hits = 0;
      for (let sy = 0; sy < s; sy++) {
        for (let sx = 0; sx < s; sx++) {
          if (shape((px + (sx + 0.5) / s) / size, (py + (sy + 0.5) / s) / size)) hits++;
        }
      }
      coverage[py * size + px] = hits / (s * s);
    }
  }
  return coverage;
}

/** 192×192: white symbol in the central safe area on the accent colour, fully opaque. */
export function drawColorIcon(): PNG {
  const size = 192;
  const png = new PNG({ width: size, height: size });
  const cover = rasterize(size, symbol({ x: 0.2, y: 0.2, size: 0.6 }, false));
  for (let i = 0; i < size * size; i++) {
    const c = cover[i] ?? 0;
    png.data[i * 4] = Math.round(ACCENT.r + (255 - ACCENT.r) * c);
    png.data[i * 4 + 1] = Math.round(ACCENT.g + (255 - ACCENT.g) * c);
    png.data[i * 4 + 2] = Math.round(ACCENT.b + (255 - ACCENT.b) * c);
    png.data[i * 4 + 3] = 255;
  }
  return png;
}

/** 32×32: the symbol in white, everything else transparent (Teams tints it). */
export function drawOutlineIcon(): PNG {
  const size = 32;
  const png = new PNG({ width: size, height: size });
  const cover = rasterize(size, symbol({ x: 0.03, y: 0.03, size: 0.94 }, true));
  for (let i = 0; i < size * size; i++) {
    png.data[i * 4] = 255;
    png.data[i * 4 + 1] = 255;
    png.data[i * 4 + 2] = 255;
    png.data[i * 4 + 3] = Math.round(255 * (cover[i] ?? 0));
  }
  return png;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = join(fileURLToPath(new URL("..", import.meta.url)), "appPackage");
  writeFileSync(join(dir, "color.png"), PNG.sync.write(drawColorIcon(), { colorType: 6 }));
  writeFileSync(join(dir, "outline.png"), PNG.sync.write(drawOutlineIcon(), { colorType: 6 }));
  console.log(`icons written to ${dir}`);
}
