// What the form shows when someone opens a report: the current draft or submission, or else the
// previous round's answer for the same subject ("copy forward"), marked as such.
import type { Report, Round } from "@goal-forecast/core/domain/model";
import type { Stores } from "../storage/index.js";

export interface Prefill {
  report?: Report;
  /** Where the content came from: this round, or an earlier round copied forward. */
  source: "current" | "copied" | "empty";
  /** The earlier round the content was copied from. */
  copiedFrom?: Round;
  /** Who gave the copied answer (person id): the form names them unless it is the viewer. */
  copiedBy?: string;
}

export async function prefillReport(
  stores: Pick<Stores, "rounds" | "reports">,
  round: Round,
  subjectId: string,
  /** The subject's stored report in this round as the caller just read it (null: none). */
  stored?: Report | null,
): Promise<Prefill> {
  const current =
    stored === undefined ? await stores.reports.get(round.id, subjectId) : (stored ?? undefined);
  if (current) return { report: current, source: "current" };
  const earlier = (await stores.rounds.list())
    .filter((r) => r.year < round.year || (r.year === round.year && r.number < round.number))
    .sort((a, b) => b.year - a.year || b.number - a.number);
  for (const r of earlier) {
    const previous = await stores.reports.get(r.id, subjectId);
    if (previous) {
      const { version: _v, submittedAt: _s, submittedBy: _b, ...content } = previous;
      return {
        report: { ...content, roundId: round.id, state: "draft", copiedFromRoundId: r.id },
        source: "copied",
        copiedFrom: r,
        copiedBy: previous.submittedBy ?? previous.updatedBy,
      };
    }
  }
  return { source: "empty" };
}
