// The check-in form of one subject (a goal, or one project of a goal): every milestone's status and
// actual value against its target, overall progress, the forecast verdict and its reasoning, risks with
// their mitigation. Errors from the server's validation sit right under the field they concern, and
// everything the person typed is shown back to them.
import { LIMITS } from "@goal-forecast/core/domain/limits";
import {
  MILESTONE_STATUSES,
  VERDICTS,
  type Language,
  type Report,
  type ReportEvent,
  type Round,
  type Subject,
} from "@goal-forecast/core/domain/model";
import type { FieldError } from "@goal-forecast/core/domain/result";
import { canSubmit, type AssignmentRole } from "@goal-forecast/core/domain/subjects";
import { describeError, translator, type Translate } from "@goal-forecast/core/i18n";
import { inputIds, inputText, type InputValues } from "./actions.js";
import {
  card,
  container,
  heading,
  textBlock,
  type ActionSet,
  type AdaptiveCard,
  type Element,
  type ExecuteAction,
  type InputNumber,
} from "./adaptive.js";
import { md } from "./markdown.js";
import {
  bannerBlock,
  button,
  formatTarget,
  historyBlock,
  milestoneTitle,
  refreshFor,
  reportStateLines,
  roundLine,
  roundName,
  subjectHeader,
  type Banner,
  type NameOf,
} from "./parts.js";

/** What the form's inputs show, as the inputs hold it. */
export interface FormValues {
  milestones: Record<string, { status?: string; actual?: number; note?: string }>;
  progress?: number;
  verdict?: string;
  narrative?: string;
  risks: { risk: string; mitigation: string }[];
}

export interface FormModel {
  lang: Language;
  round: Round;
  subject: Subject;
  role: AssignmentRole;
  values: FormValues;
  /** Where the values came from: the stored report, an earlier round (copy forward), nothing, or the person's own typing. */
  source: "current" | "copied" | "empty" | "typed";
  /** The earlier round the values were copied from. */
  copiedFrom?: Round;
  /** Who gave the copied answer: the viewer themself, or someone named (a co-owner, the owner). */
  copiedBy?: { self: true } | { self: false; name: string };
  /** The report as stored now (who saved it last, when). */
  stored?: Report;
  /**
   * The version a save from this form expects to overwrite: the one the person started from. A stale
   * card carries an old version, so its save is refused as a conflict instead of overwriting.
   */
  version?: string;
  /** Editing a report that was submitted already. */
  editing: boolean;
  errors: FieldError[];
  /**
   * What a submission will still ask for in a copied answer (an imported round's risks have no
   * mitigation): marked at the fields when the form opens, not only after Send.
   */
  incomplete?: FieldError[];
  banner?: Banner;
  history: ReportEvent[];
  nameOf: NameOf;
  /** Teams user id of the viewer, for the refresh block. */
  viewerId?: string;
}

/** Values of a stored (or copied) report. */
export function valuesFromReport(report: Report | undefined): FormValues {
  const values: FormValues = { milestones: {}, risks: [] };
  if (!report) return values;
  for (const m of report.milestones) {
    const entry: FormValues["milestones"][string] = { status: m.status };
    if (m.actual !== undefined) entry.actual = m.actual;
    if (m.note !== undefined) entry.note = m.note;
    values.milestones[m.milestoneId] = entry;
  }
  values.progress = report.progress;
  if (report.verdict) values.verdict = report.verdict;
  values.narrative = report.narrative;
  values.risks = report.risks.map((r) => ({ ...r }));
  return values;
}

/**
 * Values as the person typed them, so an invalid or conflicting save loses nothing. A text longer than
 * its field allows is cut to the limit (a card must stay under Teams' size limit; the error says so).
 */
export function valuesFromInputs(inputs: InputValues, subject: Subject, riskRows: number): FormValues {
  const str = (key: string, max: number): string | undefined => inputText(inputs, key)?.slice(0, max);
  const num = (key: string): number | undefined => {
    const raw = inputText(inputs, key)?.trim().replace(",", ".");
    if (raw === undefined || raw === "") return undefined;
    const n = Number(raw);
    return Number.isFinite(n) ? n : undefined;
  };
  const values: FormValues = { milestones: {}, risks: [] };
  for (const m of subject.milestones) {
    const entry: FormValues["milestones"][string] = {};
    const status = str(inputIds.status(m.id), 32);
    if (status) entry.status = status;
    const actual = num(inputIds.actual(m.id));
    if (actual !== undefined) entry.actual = actual;
    const note = str(inputIds.note(m.id), LIMITS.milestoneNote);
    if (note) entry.note = note;
    values.milestones[m.id] = entry;
  }
  const progress = num(inputIds.progress);
  if (progress !== undefined) values.progress = progress;
  const verdict = str(inputIds.verdict, 32);
  if (verdict) values.verdict = verdict;
  const narrative = str(inputIds.narrative, LIMITS.narrative);
  if (narrative !== undefined) values.narrative = narrative;
  for (let row = 0; row < Math.min(riskRows, LIMITS.risks); row++) {
    values.risks.push({
      risk: str(inputIds.risk(row), LIMITS.riskText) ?? "",
      mitigation: str(inputIds.mitigation(row), LIMITS.mitigationText) ?? "",
    });
  }
  return values;
}

function errorBlocks(errors: FieldError[], field: string, lang: Language): Element[] {
  return errors
    .filter((e) => e.field === field)
    .map((e) =>
      textBlock(describeError(e, lang), {
        color: "attention",
        spacing: "small",
        size: "small",
        weight: "bolder",
      }),
    );
}

/** A number input must hold a number the renderer accepts; anything else is left empty. */
function numberValue(value: number | undefined, min: number, max: number): Pick<InputNumber, "value"> {
  return value !== undefined && Number.isFinite(value) && value >= min && value <= max ? { value } : {};
}

export function reportFormCard(model: FormModel): AdaptiveCard {
  const { lang, subject, values } = model;
  const t = translator(lang);
  const body: Element[] = [];
  const incomplete = model.errors.length === 0 ? (model.incomplete ?? []) : [];
  // Marked at their fields alike: what a save refused, or what a submission of the copy will ask for.
  const errors = [...model.errors, ...incomplete];
  const rows = Math.max(1, Math.min(values.risks.length, LIMITS.risks));
  const base = {
    view: "form" as const,
    roundId: model.round.id,
    subjectId: subject.id,
    goalId: subject.goalId,
    ...(model.version ? { version: model.version } : {}),
    ...(model.editing ? { editing: true } : {}),
  };

  body.push(...subjectHeader(subject, lang));
  body.push(
    textBlock(`${roundLine(model.round, lang)} · ${t(`role.${model.role}`)}`, {
      isSubtle: true,
      spacing: "small",
    }),
  );
  if (model.banner) body.push(bannerBlock(model.banner));
  if (model.errors.length > 0) {
    body.push(
      bannerBlock({
        tone: "attention",
        title: t("bot:form.fixErrors", { count: model.errors.length }),
      }),
    );
  } else if (incomplete.length > 0) {
    body.push(
      bannerBlock({ tone: "attention", title: t("bot:form.copiedIncomplete", { count: incomplete.length }) }),
    );
  }
  if (model.source === "copied" && model.copiedFrom) {
    body.push(
      bannerBlock({
        tone: "accent",
        title: copiedTitle(t, roundName(model.copiedFrom, lang), model.copiedBy),
        lines: [t("bot:form.copiedHint")],
      }),
    );
  }
  if (model.stored && model.source !== "copied") {
    body.push(
      ...reportStateLines(model.stored, lang, model.nameOf).map((line) =>
        textBlock(line, { isSubtle: true, spacing: "small", size: "small" }),
      ),
    );
  }
  if (model.editing) body.push(textBlock(t("bot:form.editingSubmitted"), { spacing: "small" }));

  // Milestones, under the deck's group headings where the register has them.
  if (subject.milestones.length > 0) {
    body.push(heading(t("bot:form.milestones"), { spacing: "large", separator: true }));
    const statusChoices = MILESTONE_STATUSES.map((s) => ({ title: t(`milestoneStatus.${s}`), value: s }));
    let group: string | undefined;
    subject.milestones.forEach((milestone, index) => {
      if (milestone.group && milestone.group !== group) {
        group = milestone.group;
        body.push(textBlock(md(group), { weight: "bolder", spacing: "medium" }));
      }
      const value = values.milestones[milestone.id] ?? {};
      const items: Element[] = [textBlock(milestoneTitle(milestone, index))];
      const status =
        value.status && (MILESTONE_STATUSES as readonly string[]).includes(value.status)
          ? value.status
          : undefined;
      items.push({
        type: "Input.ChoiceSet",
        id: inputIds.status(milestone.id),
        label: t("bot:form.status"),
        style: "compact",
        choices: statusChoices,
        placeholder: t("bot:form.choose"),
        ...(status ? { value: status } : {}),
      });
      items.push(...errorBlocks(errors, `milestones.${milestone.id}.status`, lang));
      if (milestone.target) {
        const max = milestone.target.kind === "percent" ? 100 : LIMITS.countValue;
        items.push({
          type: "Input.Number",
          id: inputIds.actual(milestone.id),
          label: t(milestone.target.kind === "percent" ? "bot:form.actualPercent" : "bot:form.actualCount", {
            target: formatTarget(milestone.target, lang),
          }),
          min: 0,
          max,
          errorMessage: t("bot:form.rangeError", { min: 0, max }),
          ...numberValue(value.actual, 0, max),
        });
        items.push(...errorBlocks(errors, `milestones.${milestone.id}.actual`, lang));
      }
      items.push({
        type: "Input.Text",
        id: inputIds.note(milestone.id),
        label: t("bot:form.note"),
        isMultiline: true,
        maxLength: LIMITS.milestoneNote,
        ...(value.note ? { value: value.note } : {}),
      });
      items.push(...errorBlocks(errors, `milestones.${milestone.id}.note`, lang));
      body.push(container(items, { separator: true, spacing: "medium" }));
    });
  }

  // The forecast.
  body.push(heading(t("bot:form.forecast"), { spacing: "large", separator: true }));
  body.push({
    type: "Input.Number",
    id: inputIds.progress,
    label: t("bot:form.progress"),
    min: 0,
    max: 100,
    placeholder: "0–100",
    errorMessage: t("bot:form.rangeError", { min: 0, max: 100 }),
    ...numberValue(values.progress, 0, 100),
  });
  body.push(...errorBlocks(errors, "progress", lang));
  const verdict =
    values.verdict && (VERDICTS as readonly string[]).includes(values.verdict) ? values.verdict : undefined;
  body.push({
    type: "Input.ChoiceSet",
    id: inputIds.verdict,
    label: t("bot:form.verdict"),
    style: "expanded",
    choices: VERDICTS.map((v) => ({ title: t(`verdict.${v}`), value: v })),
    ...(verdict ? { value: verdict } : {}),
  });
  body.push(...errorBlocks(errors, "verdict", lang));
  body.push({
    type: "Input.Text",
    id: inputIds.narrative,
    label: t("bot:form.narrative"),
    isMultiline: true,
    maxLength: LIMITS.narrative,
    placeholder: t("bot:form.narrativeHint"),
    ...(values.narrative ? { value: values.narrative } : {}),
  });
  body.push(...errorBlocks(errors, "narrative", lang));

  // Risks, each with how the unit prepares for it; rows are added and removed on the server.
  body.push(heading(t("bot:form.risks"), { spacing: "large", separator: true }));
  body.push(...errorBlocks(errors, "risks", lang));
  for (let row = 0; row < rows; row++) {
    const risk = values.risks[row] ?? { risk: "", mitigation: "" };
    const items: Element[] = [
      {
        type: "Input.Text",
        id: inputIds.risk(row),
        label: t("bot:form.risk", { n: row + 1 }),
        isMultiline: true,
        maxLength: LIMITS.riskText,
        ...(risk.risk ? { value: risk.risk } : {}),
      },
      ...errorBlocks(errors, `risks.${row}.risk`, lang),
      {
        type: "Input.Text",
        id: inputIds.mitigation(row),
        label: t("bot:form.mitigation", { n: row + 1 }),
        isMultiline: true,
        maxLength: LIMITS.mitigationText,
        ...(risk.mitigation ? { value: risk.mitigation } : {}),
      },
      ...errorBlocks(errors, `risks.${row}.mitigation`, lang),
    ];
    const remove: ActionSet = {
      type: "ActionSet",
      actions: [
        button(t("bot:form.removeRisk", { n: row + 1 }), "removeRisk", { ...base, rows, index: row }),
      ],
    };
    items.push(remove);
    body.push(container(items, { separator: row > 0, spacing: "medium" }));
  }
  if (rows < LIMITS.risks) {
    body.push({
      type: "ActionSet",
      actions: [button(t("bot:form.addRisk"), "addRisk", { ...base, rows })],
    });
  } else {
    body.push(textBlock(t("bot:form.maxRisks", { max: LIMITS.risks }), { isSubtle: true, size: "small" }));
  }

  body.push(...historyBlock(model.history, lang, model.nameOf));

  const may = canSubmit(model.role);
  if (!may) body.push(textBlock(t("bot:form.preparerNote"), { isSubtle: true, spacing: "medium" }));
  const actions: ExecuteAction[] = [];
  if (!model.editing) actions.push(button(t("bot:form.saveDraft"), "saveDraft", { ...base, rows }));
  if (may)
    actions.push(
      button(
        t(model.editing ? "bot:form.submitChanges" : "bot:form.submit"),
        "submit",
        { ...base, rows },
        { style: "positive" },
      ),
    );
  actions.push(button(t("bot:form.cancel"), "cancel", base, { associatedInputs: "none" }));

  const refresh = refreshFor(model.viewerId, base);
  return card({
    body,
    actions,
    ...(refresh ? { refresh } : {}),
    fallbackText: t("bot:form.fallback", { title: subject.title, round: roundName(model.round, lang) }),
    msteams: { width: "Full" },
  });
}

/** "Prefilled with your answer…" only when it was the viewer's; otherwise whose it was. */
function copiedTitle(t: Translate, round: string, by: FormModel["copiedBy"]): string {
  if (!by) return t("bot:form.copiedTitleAnyone", { round });
  return by.self
    ? t("bot:form.copiedTitle", { round })
    : t("bot:form.copiedTitleOther", { round, name: by.name });
}
