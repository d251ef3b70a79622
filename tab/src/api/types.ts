// What the API answers, in the domain's own types (bot/src/domain is plain TypeScript the tab can share).
import type {
  Goal,
  Language,
  OrgRole,
  Person,
  Report,
  ReportEvent,
  Round,
  Subject,
  Theme,
  Verdict,
} from "@goal-forecast/core/domain/model";
import type { RoundSummary } from "@goal-forecast/core/domain/summary";
import type { ReportDiff } from "@goal-forecast/core/domain/diff";

export type {
  Goal,
  Language,
  OrgRole,
  Person,
  Report,
  ReportEvent,
  Round,
  Subject,
  Theme,
  Verdict,
  ReportDiff,
};
export type { RoundSummary };

export interface Me {
  upn: string;
  name: string;
  personId: string | null;
  language: Language | null;
  roles: OrgRole[];
}

export type PersonView = Pick<Person, "id" | "displayName"> & Partial<Person>;

export interface RoundOverview {
  round: Round;
  previousRoundId?: string;
  summary: RoundSummary;
  changes: { subjectId: string; changedSincePrevious: boolean; previousVerdict?: Verdict }[];
}

export interface HistoryEntry {
  round: Round;
  report?: Report;
  events: ReportEvent[];
  diff?: ReportDiff;
}

export interface SubjectHistory {
  subject: Subject;
  entries: HistoryEntry[];
}

export interface ComparedSubject {
  subject: Subject;
  earlier?: Report;
  later?: Report;
  diff: ReportDiff;
  drift: number;
}

export interface Comparison {
  earlier: Round;
  later: Round;
  rows: ComparedSubject[];
}

export const DELIVERY_STATES = ["queued", "sending", "sent", "failed", "unreachable", "inDoubt"] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export interface RoundProgress {
  round: Round;
  delivery: {
    counts: Record<DeliveryState, number>;
    problems: {
      personId: string;
      displayName: string;
      state: string;
      reason?: string;
      attempts: number;
      updatedAt: string;
      /** checkin, reminder or escalation */
      kind?: string;
    }[];
    /** Reminders and escalations, a batch each. */
    batches?: { batchId: string; kind: string; counts: Record<DeliveryState, number> }[];
    /** Set while sending is paused (Teams asked to slow down, or the bot's credentials were refused). */
    paused?: { until: string; reason: string };
  };
  responses: {
    counts: { missing: number; draft: number; submitted: number };
    subjects: {
      subjectId: string;
      title: string;
      status: "missing" | "draft" | "submitted";
      ownerIds: string[];
    }[];
  };
}

export interface DevPerson {
  id: string;
  displayName: string;
  upn: string;
  roles: OrgRole[];
}
