// The answer to a save that storage could not take: nothing was saved, and everything the person
// typed stays in the card's inputs, with a button that sends the same save again. Built from the
// invoke alone (the register and the report cannot be read while storage is down), so the fields
// carry generic labels rather than the milestones' names.
import { MILESTONE_STATUSES, VERDICTS, type Language } from "../domain/model.js";
import { LIMITS } from "../domain/limits.js";
import { translator } from "../i18n/index.js";
import { inputIds, inputText, type CardData, type InputValues, type Verb } from "./actions.js";
import { card, type AdaptiveCard, type Element } from "./adaptive.js";
import { bannerBlock, button } from "./parts.js";

const MILESTONE_INPUT = /^ms\.(.+)\.(status|actual|note)$/;
const RISK_INPUT = /^risk\.(\d+)\.(risk|mitigation)$/;

export function unsavedCard(lang: Language, verb: Verb, data: CardData, inputs: InputValues): AdaptiveCard {
  const t = translator(lang);
  const body: Element[] = [
    bannerBlock({ tone: "attention", title: t("error.unavailable"), lines: [t("bot:notice.inputKept")] }),
  ];
  for (const id of Object.keys(inputs)) {
    const value = inputText(inputs, id) ?? "";
    const milestone = MILESTONE_INPUT.exec(id);
    const risk = RISK_INPUT.exec(id);
    if (milestone?.[2] === "status") {
      body.push({
        type: "Input.ChoiceSet",
        id,
        label: `${t("bot:form.status")} (${milestone[1]})`,
        style: "compact",
        choices: MILESTONE_STATUSES.map((s) => ({ title: t(`milestoneStatus.${s}`), value: s })),
        ...(value ? { value } : {}),
      });
    } else if (id === inputIds.verdict) {
      body.push({
        type: "Input.ChoiceSet",
        id,
        label: t("bot:form.verdict"),
        style: "expanded",
        choices: VERDICTS.map((v) => ({ title: t(`verdict.${v}`), value: v })),
        ...(value ? { value } : {}),
      });
    } else {
      const label = milestone
        ? `${t(milestone[2] === "note" ? "bot:form.note" : "field.actual")} (${milestone[1]})`
        : risk
          ? t(risk[2] === "risk" ? "bot:form.risk" : "bot:form.mitigation", { n: Number(risk[1]) + 1 })
          : id === inputIds.progress
            ? t("bot:form.progress")
            : id === inputIds.narrative
              ? t("bot:form.narrative")
              : id;
      body.push({
        type: "Input.Text",
        id,
        label,
        isMultiline: id === inputIds.narrative || milestone?.[2] === "note" || risk !== null,
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
