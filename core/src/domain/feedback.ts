// Accessibility feedback: the Act on the Provision of Digital Services (306/2019, § 15) gives the
// service provider 14 days to answer. The due date is counted in Helsinki calendar days, like every
// other date of the product (deadline.ts).
import { TZDate } from "@date-fns/tz";
import { addDays } from "date-fns";
import { TIME_ZONE } from "./deadline.js";

/** Days the organisation has to answer feedback on accessibility. */
export const FEEDBACK_ANSWER_DAYS = 14;

/** What the feedback is about: the accessibility of the service, or anything else. */
export const FEEDBACK_TOPICS = ["accessibility", "other"] as const;
export type FeedbackTopic = (typeof FEEDBACK_TOPICS)[number];

/** The Helsinki calendar date ("2026-12-22") by which feedback received at `receivedAt` is answered. */
export function feedbackAnswerDue(receivedAt: Date | string): string {
  const due = addDays(new TZDate(new Date(receivedAt).getTime(), TIME_ZONE), FEEDBACK_ANSWER_DAYS);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${due.getFullYear()}-${pad(due.getMonth() + 1)}-${pad(due.getDate())}`;
}
