// A report read-only: what was submitted (or drafted), laid out as the deck lays it out, with "Edit"
// while the round is open and a note once it has closed.
import type { Language, Report, ReportEvent, Round, Subject } from "@goal-forecast/core/domain/model";
import { formatDate, formatPercent, translator } from "@goal-forecast/core/i18n";
import {
  card,
  container,
  heading,
  textBlock,
  type AdaptiveCard,
  type Column,
  type Element,
  type ExecuteAction,
} from "./adaptive.js";
import { bold, md } from "./markdown.js";
import {
  bannerBlock,
  button,
  formatActual,
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

export interface SummaryModel {
  lang: Language;
  round: Round;
  subject: Subject;
  report: Report;
  /** Edit is offered (owner or substitute, round open). */
  canEdit: boolean;
  /** The person may continue a draft (any assignee, round open, report not submitted). */
  canContinue: boolean;
  banner?: Banner;
  history: ReportEvent[];
  nameOf: NameOf;
  viewerId?: string;
}

/** A progress bar drawn with two columns, plus the number for screen readers and small screens. */
function progressBar(progress: number, lang: Language): Element[] {
  const t = translator(lang);
  const done = Math.max(0, Math.min(100, Math.round(progress)));
  const columns: Column[] = [];
  if (done > 0)
    columns.push({ type: "Column", width: done, style: "good", items: [textBlock(" ", { size: "small" })] });
  if (done < 100)
    columns.push({
      type: "Column",
      width: 100 - done,
      style: "emphasis",
      items: [textBlock(" ", { size: "small" })],
    });
  return [
    textBlock(`${t("bot:summary.progress")}: ${bold(formatPercent(done, lang))}`, { spacing: "medium" }),
    { type: "ColumnSet", columns, spacing: "small" },
  ];
}

export function reportSummaryCard(model: SummaryModel): AdaptiveCard {
  const { lang, subject, report } = model;
  const t = translator(lang);
  const body: Element[] = [...subjectHeader(subject, lang)];
  body.push(textBlock(roundLine(model.round, lang), { isSubtle: true, spacing: "small" }));
  if (model.round.state !== "open") {
    body.push(
      bannerBlock({
        tone: "warning",
        title: t("bot:closed.title", { round: roundName(model.round, lang) }),
        lines: [
          model.round.closesAt
            ? t("bot:closed.since", { at: formatDate(model.round.closesAt, lang) })
            : t("bot:closed.noChanges"),
        ],
      }),
    );
  }

  if (model.banner) body.push(bannerBlock(model.banner));
  body.push(
    textBlock(bold(t(`responseStatus.${report.state}`)), {
      color: report.state === "submitted" ? "good" : "warning",
      spacing: "medium",
    }),
  );
  body.push(
    ...reportStateLines(report, lang, model.nameOf).map((line) =>
      textBlock(line, { isSubtle: true, size: "small", spacing: "none" }),
    ),
  );

  if (subject.milestones.length > 0) {
    body.push(heading(t("bot:form.milestones"), { spacing: "large", separator: true }));
    const byId = new Map(report.milestones.map((m) => [m.milestoneId, m]));
    subject.milestones.forEach((milestone, index) => {
      const entry = byId.get(milestone.id);
      const facts = [
        { title: t("bot:form.status"), value: t(`milestoneStatus.${entry?.status ?? "notStarted"}`) },
      ];
      if (milestone.target && entry?.actual !== undefined) {
        facts.push({
          title: t("bot:summary.actual"),
          value: formatActual(entry.actual, milestone.target, lang),
        });
      }
      if (entry?.note) facts.push({ title: t("bot:form.note"), value: md(entry.note) });
      body.push(
        container([textBlock(milestoneTitle(milestone, index)), { type: "FactSet", facts }], {
          separator: index > 0,
          spacing: "small",
        }),
      );
    });
  }

  body.push(heading(t("bot:form.forecast"), { spacing: "large", separator: true }));
  body.push(...progressBar(report.progress, lang));
  body.push(
    textBlock(`${t("bot:form.verdict")}: ${bold(t(`verdict.${report.verdict ?? "none"}`))}`, {
      spacing: "medium",
    }),
  );
  if (report.narrative) body.push(textBlock(md(report.narrative), { spacing: "small" }));

  body.push(heading(t("bot:form.risks"), { spacing: "large", separator: true }));
  if (report.risks.length === 0) body.push(textBlock(t("bot:summary.noRisks"), { isSubtle: true }));
  report.risks.forEach((risk, index) => {
    body.push(
      container(
        [
          textBlock(`${bold(t("bot:summary.riskN", { n: index + 1 }))} ${md(risk.risk)}`),
          textBlock(
            `${t("bot:summary.mitigation")}: ${md(risk.mitigation || t("bot:summary.noMitigation"))}`,
            {
              spacing: "small",
            },
          ),
        ],
        { separator: index > 0, spacing: "small" },
      ),
    );
  });

  body.push(...historyBlock(model.history, lang, model.nameOf));

  const base = {
    view: "summary" as const,
    roundId: model.round.id,
    subjectId: subject.id,
    goalId: subject.goalId,
  };
  const actions: ExecuteAction[] = [];
  if (model.canContinue) actions.push(button(t("bot:summary.continue"), "open", base, { style: "positive" }));
  if (model.canEdit) actions.push(button(t("bot:summary.edit"), "edit", base));
  actions.push(button(t("bot:summary.backToList"), "list", { view: "list", roundId: model.round.id }));
  const refresh = refreshFor(model.viewerId, base);
  return card({
    body,
    actions,
    ...(refresh ? { refresh } : {}),
    fallbackText: t("bot:summary.fallback", { title: subject.title, round: roundName(model.round, lang) }),
    msteams: { width: "Full" },
  });
}
