import { LIMITS } from "./limits.js";
import {
  MILESTONE_STATUSES,
  VERDICTS,
  type MilestoneReport,
  type MilestoneStatus,
  type ReportContent,
  type Risk,
  type Subject,
  type Verdict,
} from "./model.js";
import type { FieldError, Result } from "./result.js";

/**
 * A report as it arrives from a card or the API: every value may be missing, a string or a number.
 * The shape is checked at the edge (zod); the values and the business rules here.
 */
export interface ReportInput {
  milestones?: { milestoneId: string; status?: unknown; actual?: unknown; note?: unknown }[];
  progress?: unknown;
  verdict?: unknown;
  narrative?: unknown;
  risks?: { risk?: unknown; mitigation?: unknown }[];
}

/**
 * draft: anything half-filled that is well-formed may be kept.
 * submit: the report must be complete (every milestone's status, a verdict and its narrative, mitigations).
 * import: history from earlier tools; complete but mitigation may be missing as in the old decks.
 */
export type ValidationMode = "draft" | "submit" | "import";

/** Checks a report against its subject; returns the cleaned content or every problem at once. */
export function validateReport(
  input: ReportInput,
  subject: Subject,
  mode: ValidationMode,
): Result<ReportContent> {
  const errors: FieldError[] = [];
  const strict = mode !== "draft";

  // Milestones: one entry per milestone of the subject, unknown ones refused.
  const known = new Map(subject.milestones.map((m) => [m.id, m]));
  const given = new Map<string, NonNullable<ReportInput["milestones"]>[number]>();
  for (const m of input.milestones ?? []) {
    if (!known.has(m.milestoneId)) {
      errors.push({ field: `milestones.${m.milestoneId}`, code: "unknownMilestone" });
      continue;
    }
    if (given.has(m.milestoneId)) {
      errors.push({ field: `milestones.${m.milestoneId}`, code: "duplicate" });
      continue;
    }
    given.set(m.milestoneId, m);
  }
  const milestones: MilestoneReport[] = [];
  for (const milestone of subject.milestones) {
    const field = `milestones.${milestone.id}`;
    const raw = given.get(milestone.id);
    const status = blank(raw?.status) ? undefined : String(raw?.status);
    let parsedStatus: MilestoneStatus = "notStarted";
    if (status === undefined) {
      if (strict) errors.push({ field: `${field}.status`, code: "required" });
    } else if (!(MILESTONE_STATUSES as readonly string[]).includes(status)) {
      errors.push({ field: `${field}.status`, code: "invalidChoice" });
    } else {
      parsedStatus = status as MilestoneStatus;
    }
    const entry: MilestoneReport = { milestoneId: milestone.id, status: parsedStatus };
    if (!blank(raw?.actual)) {
      if (!milestone.target) {
        errors.push({ field: `${field}.actual`, code: "invalid" });
      } else {
        const max = milestone.target.kind === "percent" ? 100 : LIMITS.countValue;
        const actual = number(
          raw?.actual,
          `${field}.actual`,
          0,
          max,
          milestone.target.kind === "count",
          errors,
        );
        if (actual !== undefined) entry.actual = actual;
      }
    }
    const note = text(raw?.note, `${field}.note`, LIMITS.milestoneNote, errors);
    if (note) entry.note = note;
    milestones.push(entry);
  }

  let progress = 0;
  if (blank(input.progress)) {
    if (strict) errors.push({ field: "progress", code: "required" });
  } else {
    progress = number(input.progress, "progress", 0, 100, true, errors) ?? 0;
  }

  let verdict: Verdict | undefined;
  if (blank(input.verdict)) {
    if (strict) errors.push({ field: "verdict", code: "required" });
  } else if (!(VERDICTS as readonly string[]).includes(String(input.verdict))) {
    errors.push({ field: "verdict", code: "invalidChoice" });
  } else {
    verdict = String(input.verdict) as Verdict;
  }

  const narrative = text(input.narrative, "narrative", LIMITS.narrative, errors) ?? "";
  if (strict && narrative === "") errors.push({ field: "narrative", code: "required" });

  const risks: Risk[] = [];
  const rawRisks = input.risks ?? [];
  if (rawRisks.length > LIMITS.risks) {
    errors.push({ field: "risks", code: "tooMany", params: { max: LIMITS.risks } });
  }
  rawRisks.slice(0, LIMITS.risks).forEach((r, i) => {
    const risk = text(r.risk, `risks.${i}.risk`, LIMITS.riskText, errors) ?? "";
    const mitigation = text(r.mitigation, `risks.${i}.mitigation`, LIMITS.mitigationText, errors) ?? "";
    if (risk === "" && mitigation === "") return; // an empty row is no risk
    if (risk === "") errors.push({ field: `risks.${i}.risk`, code: "required" });
    if (mode === "submit" && mitigation === "")
      errors.push({ field: `risks.${i}.mitigation`, code: "required" });
    risks.push({ risk, mitigation });
  });

  if (errors.length > 0) return { ok: false, errors };
  const content: ReportContent = { milestones, progress, narrative, risks };
  if (verdict) content.verdict = verdict;
  return { ok: true, value: content };
}

function blank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

function text(value: unknown, field: string, max: number, errors: FieldError[]): string | undefined {
  if (blank(value)) return undefined;
  if (typeof value !== "string") {
    errors.push({ field, code: "invalid" });
    return undefined;
  }
  // Normalise line ends; keep the person's text otherwise exactly as typed.
  const cleaned = value.replace(/\r\n?/g, "\n").trim();
  if (cleaned.length > max) {
    errors.push({ field, code: "tooLong", params: { max, length: cleaned.length } });
    return undefined;
  }
  return cleaned;
}

function number(
  value: unknown,
  field: string,
  min: number,
  max: number,
  integer: boolean,
  errors: FieldError[],
): number | undefined {
  const n =
    typeof value === "number"
      ? value
      : typeof value === "string"
        ? Number(value.trim().replace(",", "."))
        : NaN;
  if (!Number.isFinite(n)) {
    errors.push({ field, code: "notANumber" });
    return undefined;
  }
  if (integer && !Number.isInteger(n)) {
    errors.push({ field, code: "notAnInteger" });
    return undefined;
  }
  if (n < min || n > max) {
    errors.push({ field, code: "outOfRange", params: { min, max } });
    return undefined;
  }
  return n;
}
