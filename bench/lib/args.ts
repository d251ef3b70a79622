// Command-line options of the benchmarks: `--name value`, a number kept within bounds so that every
// run stays bounded whatever is typed.
export function numberArg(name: string, fallback: number, min: number, max: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at > 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value)) throw new Error(`--${name} takes a number`);
  return Math.max(min, Math.min(max, Math.trunc(value)));
}
