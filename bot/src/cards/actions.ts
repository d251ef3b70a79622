// The contract between the cards and the bot: the verbs of the cards' Action.Execute buttons, the
// data each button carries, and the ids of the form's inputs. Teams merges the input values into the
// action's data, so an invoke's data is `CardData & { [inputId]: value }`; it is checked here (zod)
// before anything else looks at it.
import { z } from "zod";
import { LIMITS } from "@goal-forecast/core/domain/limits";
import type { ReportInput } from "@goal-forecast/core/domain/validation";

export const VERBS = [
  /** Teams asks for the viewer's current view of a card (refresh with userIds). */
  "refresh",
  /** Back to the list of the person's items in the round. */
  "list",
  /** Open one item: its form, or its read-only summary once submitted. */
  "open",
  /** Edit a submitted report again (owners and substitutes, while the round is open). */
  "edit",
  "saveDraft",
  "submit",
  "cancel",
  "addRisk",
  "removeRisk",
] as const;
export type Verb = (typeof VERBS)[number];

/** Which view a card shows; refresh rebuilds that view from what is stored now. */
export type View = "list" | "form" | "summary";

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/);

/** The data every card button carries (besides the inputs Teams adds). */
export const cardDataSchema = z.object({
  /** Marks the product's cards; anything else is not ours to answer. */
  gf: z.literal(1),
  view: z.enum(["list", "form", "summary"]),
  roundId: id,
  subjectId: id.optional(),
  /**
   * The subject's goal, so a click reads that goal alone instead of every goal of the year (subject
   * ids are report keys and stay as they are). Cards sent before it existed lack it: then looked up.
   */
  goalId: id.optional(),
  /** Version (ETag) of the report the form was filled from; absent for an empty or copied form. */
  version: z.string().max(200).optional(),
  /** Number of risk rows the form showed, so their inputs can be read back. */
  rows: z.number().int().min(0).max(LIMITS.risks).optional(),
  /** The risk row a Remove button belongs to. */
  index: z.number().int().min(0).max(LIMITS.risks).optional(),
  /** The form is an edit of a submitted report. */
  editing: z.boolean().optional(),
});
export type CardData = z.infer<typeof cardDataSchema>;

/** Input ids of the report form. Milestone ids come from the register (id schema: no dots inside ids' parts matter). */
export const inputIds = {
  status: (milestoneId: string) => `ms.${milestoneId}.status`,
  actual: (milestoneId: string) => `ms.${milestoneId}.actual`,
  note: (milestoneId: string) => `ms.${milestoneId}.note`,
  progress: "progress",
  verdict: "verdict",
  narrative: "narrative",
  risk: (row: number) => `risk.${row}.risk`,
  mitigation: (row: number) => `risk.${row}.mitigation`,
} as const;

/** The field an input id names: the inverse of `inputIds`. */
export type InputField =
  | { kind: "milestone"; milestoneId: string; part: "status" | "actual" | "note" }
  | { kind: "risk"; row: number; part: "risk" | "mitigation" }
  | { kind: "progress" | "verdict" | "narrative" };

const MILESTONE_INPUT = /^ms\.(.+)\.(status|actual|note)$/;
const RISK_INPUT = /^risk\.(\d+)\.(risk|mitigation)$/;

/** Which field of the form an input id names; undefined for an id the form does not make. */
export function inputField(id: string): InputField | undefined {
  if (id === inputIds.progress || id === inputIds.verdict || id === inputIds.narrative) return { kind: id };
  const milestone = MILESTONE_INPUT.exec(id);
  if (milestone)
    return {
      kind: "milestone",
      milestoneId: milestone[1]!,
      part: milestone[2] as "status" | "actual" | "note",
    };
  const risk = RISK_INPUT.exec(id);
  if (risk) return { kind: "risk", row: Number(risk[1]), part: risk[2] as "risk" | "mitigation" };
  return undefined;
}

/** A value a client may send for an input: Teams sends strings, other clients numbers or booleans. */
const inputValue = z.union([z.string().max(200_000), z.number(), z.boolean(), z.null()]);

/** What an invoke's data may hold at all: our data keys plus input values; anything else is refused. */
export const invokeDataSchema = z
  .record(z.string().max(300), z.unknown())
  .refine((v) => Object.keys(v).length <= 400, "too many fields");

export type InputValues = Record<string, unknown>;

export type ParsedInvoke =
  { ok: true; data: CardData; inputs: InputValues } | { ok: false; problem: "notOurs" | "malformed" };

/** Splits an invoke's data into the card's own data (validated) and the input values (left raw). */
export function parseInvokeData(raw: unknown): ParsedInvoke {
  const record = invokeDataSchema.safeParse(raw);
  if (!record.success) return { ok: false, problem: "malformed" };
  const { gf, view, roundId, subjectId, goalId, version, rows, index, editing, ...inputs } = record.data;
  if (gf === undefined) return { ok: false, problem: "notOurs" };
  const data = cardDataSchema.safeParse({
    gf,
    view,
    roundId,
    subjectId,
    goalId,
    version,
    rows,
    index,
    editing,
  });
  if (!data.success) return { ok: false, problem: "malformed" };
  for (const value of Object.values(inputs)) {
    if (!inputValue.safeParse(value).success) return { ok: false, problem: "malformed" };
  }
  return { ok: true, data: data.data, inputs };
}

/** Text as the form echoes it back: a string, or nothing. */
export function inputText(inputs: InputValues, key: string): string | undefined {
  const value = inputs[key];
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

/** The report the form's inputs describe, in the shape domain validation takes. */
export function reportInputFromForm(
  inputs: InputValues,
  milestoneIds: readonly string[],
  riskRows: number,
): ReportInput {
  const value = (key: string): unknown => {
    const v = inputs[key];
    return typeof v === "boolean" ? String(v) : v;
  };
  const input: ReportInput = {
    milestones: milestoneIds.map((milestoneId) => ({
      milestoneId,
      status: value(inputIds.status(milestoneId)),
      actual: value(inputIds.actual(milestoneId)),
      note: value(inputIds.note(milestoneId)),
    })),
    progress: value(inputIds.progress),
    verdict: value(inputIds.verdict),
    narrative: value(inputIds.narrative),
    risks: [],
  };
  for (let row = 0; row < riskRows; row++) {
    input.risks!.push({ risk: value(inputIds.risk(row)), mitigation: value(inputIds.mitigation(row)) });
  }
  return input;
}
