// Which reports count: only a submitted report's verdict counts towards the board's figures (the
// verdict distribution, the overview's verdict filter, "changed since the previous round"). A draft
// is work in progress: it is shown, marked as a draft, to those who may see it, and counts as "none".
import { VERDICTS, type Report, type Verdict } from "./model.js";
import type { ResponseStatus } from "./status.js";

export type CountedVerdict = Verdict | "none";

/** Does this report count? Only once submitted. */
export function isCounted(report: Pick<Report, "state"> | undefined): boolean {
  return report?.state === "submitted";
}

/** The verdict a subject counts with: its report's when submitted, else "none". */
export function countedVerdict(entry: {
  status: ResponseStatus;
  verdict?: Verdict | "none" | undefined;
}): CountedVerdict {
  return entry.status === "submitted" ? (entry.verdict ?? "none") : "none";
}

/** The verdict distribution of some subjects: how many count with each verdict, and with none. */
export function verdictCounts(
  entries: Iterable<{ status: ResponseStatus; verdict?: Verdict | "none" | undefined }>,
): Record<CountedVerdict, number> {
  const counts = Object.fromEntries([...VERDICTS, "none"].map((v) => [v, 0])) as Record<
    CountedVerdict,
    number
  >;
  for (const e of entries) counts[countedVerdict(e)] += 1;
  return counts;
}
