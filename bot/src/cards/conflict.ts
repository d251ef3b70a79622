// What someone else saved while the person was filling the form: the differences between the stored
// report and the person's own values, so they can decide before saving over it.
import type { Language, Report, Subject } from "@goal-forecast/core/domain/model";
import { formatDate, formatPercent, translator } from "@goal-forecast/core/i18n";
import { bold, md } from "./markdown.js";
import type { Banner, NameOf } from "./parts.js";
import type { FormValues } from "./report-form.js";

export function conflictBanner(
  current: Report | undefined,
  mine: FormValues,
  subject: Subject,
  lang: Language,
  nameOf: NameOf,
): Banner {
  const t = translator(lang);
  if (!current) {
    return { tone: "attention", title: t("bot:conflict.title"), lines: [t("bot:conflict.removed")] };
  }
  const lines: string[] = [
    t(current.state === "submitted" ? "bot:conflict.submittedBy" : "bot:conflict.savedBy", {
      name: md(nameOf(current.updatedBy)),
      at: formatDate(current.updatedAt, lang, true),
    }),
  ];
  const change = (label: string, theirs: string, yours: string): void => {
    if (theirs !== yours)
      lines.push(t("bot:conflict.change", { label, theirs: bold(theirs), yours: bold(yours) }));
  };
  const none = t("bot:conflict.empty");
  change(
    t("bot:form.verdict"),
    current.verdict ? t(`verdict.${current.verdict}`) : none,
    mine.verdict ? t(`verdict.${mine.verdict}`, { defaultValue: mine.verdict }) : none,
  );
  change(
    t("bot:summary.progress"),
    formatPercent(current.progress, lang),
    mine.progress !== undefined ? formatPercent(mine.progress, lang) : none,
  );
  const stored = new Map(current.milestones.map((m) => [m.milestoneId, m]));
  subject.milestones.forEach((milestone, index) => {
    const theirs = stored.get(milestone.id);
    const yours = mine.milestones[milestone.id];
    const label = t("bot:conflict.milestone", { n: index + 1 });
    change(
      label,
      theirs ? t(`milestoneStatus.${theirs.status}`) : none,
      yours?.status ? t(`milestoneStatus.${yours.status}`, { defaultValue: yours.status }) : none,
    );
    if (milestone.target) {
      change(
        `${label} (${t("bot:summary.actual")})`,
        theirs?.actual?.toString() ?? none,
        yours?.actual?.toString() ?? none,
      );
    }
  });
  if ((current.narrative ?? "").trim() !== (mine.narrative ?? "").trim())
    lines.push(t("bot:conflict.narrative"));
  const riskKey = (r: { risk: string; mitigation: string }): string =>
    `${r.risk.trim()}\u0000${r.mitigation.trim()}`;
  const myRisks = mine.risks.filter((r) => r.risk.trim() || r.mitigation.trim());
  if (current.risks.map(riskKey).join("\n") !== myRisks.map(riskKey).join("\n")) {
    lines.push(t("bot:conflict.risks", { theirs: current.risks.length, yours: myRisks.length }));
  }
  lines.push(t("bot:conflict.retry"));
  return { tone: "attention", title: t("bot:conflict.title"), lines };
}
