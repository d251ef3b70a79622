import type { Report } from "./model.js";

export const RESPONSE_STATUSES = ["missing", "draft", "submitted"] as const;
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number];

/** Where a subject's answer stands in a round. A report copied forward but never saved counts as missing. */
export function responseStatus(report: Pick<Report, "state"> | undefined): ResponseStatus {
  if (!report) return "missing";
  return report.state === "submitted" ? "submitted" : "draft";
}
