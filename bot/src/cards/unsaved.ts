// The answer to a save that storage could not take: nothing was saved, and everything the person
// typed stays in the card's inputs, with a button that sends the same save again. Built from the
// invoke alone (the register and the report cannot be read while storage is down), so the fields
// carry generic labels rather than the milestones' names.
import { MILESTONE_STATUSES, VERDICTS, type Language } from "@goal-forecast/core/domain/model";
import { LIMITS } from "@goal-forecast/core/domain/limits";
import { translator } from "@goal-forecast/core/i18n";
import {
  inputField,
  inputText,
  type CardData,
  type InputField,
  type InputValues,
  type Verb,
} from "./actions.js";
import { card, type AdaptiveCard, type Element } from "./adaptive.js";
import { bannerBlock, button } from "./parts.js";

export function unsavedCard(lang: Language, verb: Verb, data: CardData, inputs: InputValues): AdaptiveCard {
  const t = translator(lang);
  const body: Element[] = [
    bannerBlock({ tone: "attention", title: t("error.unavailable"), lines: [t("bot:notice.inputKept")] }),
  ];
  for (const id of Object.keys(inputs)) {
    const value = inputText(inputs, id) ?? "";
    const field = inputField(id);
    if (field?.kind === "milestone" && field.part === "status") {
      body.push({
        type: "Input.ChoiceSet",
        id,
        label: `${t("bot:form.status")} (${field.milestoneId})`,
        style: "compact",
        choices: MILESTONE_STATUSES.map((s) => ({ title: t(`milestoneStatus.${s}`), value: s })),
        ...(value ? { value } : {}),
      });
    } else if (field?.kind === "verdict") {
      body.push({
        type: "Input.ChoiceSet",
        id,
        label: t("bot:form.verdict"),
        style: "expanded",
        choices: VERDICTS.map((v) => ({ title: t(`verdict.${v}`), value: v })),
        ...(value ? { value } : {}),
      });
    } else {
      body.push({
        type: "Input.Text",
        id,
        label: field ? textLabel(t, field) : id,
        isMultiline:
          field?.kind === "narrative" ||
          field?.kind === "risk" ||
          (field?.kind === "milestone" && field.part === "note"),
        maxLength: LIMITS.narrative,
        ...(value ? { value } : {}),
      });
    }
  }
  const { gf: _, ...rest } = data;
  return card({
    body,
    actions: [button(t("bot:notice.retry"), verb, rest, { style: "positive" })],
    fallbackText: t("error.unavailable"),
  });
}

function textLabel(t: ReturnType<typeof translator>, field: InputField): string {
  switch (field.kind) {
    case "milestone":
      return `${t(field.part === "note" ? "bot:form.note" : "field.actual")} (${field.milestoneId})`;
    case "risk":
      return t(field.part === "risk" ? "bot:form.risk" : "bot:form.mitigation", { n: field.row + 1 });
    case "progress":
      return t("bot:form.progress");
    case "narrative":
      return t("bot:form.narrative");
    case "verdict":
      return t("bot:form.verdict");
  }
}
