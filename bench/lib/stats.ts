// Figures for the benchmarks: percentiles of a sample, and ratios printed the same way everywhere.

/** The p-th percentile (0–100) by the nearest-rank method; NaN for an empty sample. */
export function percentile(sample: readonly number[], p: number): number {
  if (sample.length === 0) return Number.NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function median(sample: readonly number[]): number {
  return percentile(sample, 50);
}

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function spread(sample: readonly number[]): Spread {
  return { median: median(sample), min: Math.min(...sample), max: Math.max(...sample) };
}

/** "3.2 ×" */
export function ratio(value: number, baseline: number): string {
  return `${(value / baseline).toFixed(value / baseline >= 10 ? 0 : 2)} ×`;
}

export function ms(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

/** Prints a Markdown table (what docs/BENCHMARKS.md takes as it is). */
export function printTable(header: string[], rows: string[][]): void {
  console.log(`| ${header.join(" | ")} |`);
  console.log(`|${header.map((_, i) => (i === 0 ? "---" : "---:")).join("|")}|`);
  for (const row of rows) console.log(`| ${row.join(" | ")} |`);
}

/** Rejects when `promise` takes longer than `limitMs`: every benchmark loop is bounded in time too. */
export async function within<T>(limitMs: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${limitMs} ms`)), limitMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
