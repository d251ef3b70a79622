// Pieces several cards share: the round line, who did what when, the refresh block, banners.
import { localize } from "@goal-forecast/core/domain/localized";
import type {
  Language,
  Milestone,
  MilestoneTarget,
  Report,
  ReportEvent,
  Round,
  Subject,
} from "@goal-forecast/core/domain/model";
import { formatDate, formatNumber, formatPercent, translator } from "@goal-forecast/core/i18n";
import type { CardData, Verb } from "./actions.js";
import { container, execute, textBlock, type Element, type ExecuteAction, type Refresh } from "./adaptive.js";
import { bold, md } from "./markdown.js";

export type NameOf = (personId: string) => string;

export interface Banner {
  tone: "good" | "warning" | "attention" | "accent";
  title: string;
  lines?: string[];
}

/**
 * Round name and due date: "Ennuste 2/2020 · vastaukset 15.6.2020 mennessä"; once the round is closed
 * or frozen, when it closed instead ("· suljettu 16.6.2020"): a due date no longer invites answers.
 */
export function roundLine(round: Round, lang: Language): string {
  const t = translator(lang);
  const name = localize(round.name, lang);
  if (round.state === "closed" || round.state === "frozen") {
    return round.closesAt
      ? t("bot:round.closedLine", { name, at: formatDate(round.closesAt, lang) })
      : t("bot:round.stateLine", { name, state: t(`roundStateIs.${round.state}`) });
  }
  return t("bot:round.line", { name, due: formatDate(round.dueAt, lang) });
}

export function roundName(round: Round, lang: Language): string {
  return localize(round.name, lang);
}

/** The subject's heading: the goal's name above a project's name. */
export function subjectHeader(subject: Subject, lang: Language): Element[] {
  const t = translator(lang);
  const items: Element[] = [];
  if (subject.projectId) {
    items.push(
      textBlock(t("bot:subject.projectOf", { goal: md(subject.goalTitle) }), {
        isSubtle: true,
        size: "small",
        spacing: "none",
      }),
    );
  }
  items.push(textBlock(md(subject.title), { size: "large", weight: "bolder", style: "heading" }));
  return items;
}

export function bannerBlock(banner: Banner): Element {
  return container(
    [
      textBlock(bold(banner.title), {}),
      ...(banner.lines ?? []).map((line) => textBlock(line, { spacing: "small" })),
    ],
    { style: banner.tone, spacing: "medium" },
  );
}

/** "Luonnos: Emilia Koski 3.4.2020 klo 10.15" — who saved the report last, and who submitted it. */
export function reportStateLines(report: Report, lang: Language, nameOf: NameOf): string[] {
  const t = translator(lang);
  const lines: string[] = [];
  if (report.state === "submitted" && report.submittedBy && report.submittedAt) {
    lines.push(
      t("bot:state.submittedBy", {
        name: md(nameOf(report.submittedBy)),
        at: formatDate(report.submittedAt, lang, true),
      }),
    );
  }
  if (
    report.state === "draft" ||
    report.updatedBy !== report.submittedBy ||
    report.updatedAt !== report.submittedAt
  ) {
    lines.push(
      t(report.state === "draft" ? "bot:state.draftBy" : "bot:state.updatedBy", {
        name: md(nameOf(report.updatedBy)),
        at: formatDate(report.updatedAt, lang, true),
      }),
    );
  }
  return lines;
}

/** The latest changes of a report, newest first: the owner sees who drafted and who submitted. */
export function historyBlock(events: ReportEvent[], lang: Language, nameOf: NameOf, max = 5): Element[] {
  if (events.length === 0) return [];
  const t = translator(lang);
  const latest = [...events].sort((a, b) => b.at.localeCompare(a.at)).slice(0, max);
  return [
    textBlock(t("bot:history.title"), {
      weight: "bolder",
      spacing: "large",
      separator: true,
      style: "heading",
    }),
    {
      type: "FactSet",
      facts: latest.map((e) => ({
        title: formatDate(e.at, lang, true),
        value: t(`bot:history.${e.action}`, { name: md(nameOf(e.by)) }),
      })),
    },
  ];
}

/** A milestone's target as the decks write it: "20 tilaa", "80 %". */
export function formatTarget(target: MilestoneTarget, lang: Language): string {
  if (target.kind === "percent") return formatPercent(target.value, lang);
  return target.unit
    ? `${formatNumber(target.value, lang)} ${target.unit}`
    : formatNumber(target.value, lang);
}

/** Actual against target: "12 / 20 tilaa", "82 % / 80 %". */
export function formatActual(actual: number, target: MilestoneTarget, lang: Language): string {
  if (target.kind === "percent")
    return `${formatPercent(actual, lang)} / ${formatPercent(target.value, lang)}`;
  const value = `${formatNumber(actual, lang)} / ${formatNumber(target.value, lang)}`;
  return target.unit ? `${value} ${target.unit}` : value;
}

export function milestoneTitle(milestone: Milestone, index: number): string {
  return `${index + 1}\\. ${md(milestone.text)}`;
}

/** Data of a card button or refresh: the view, round and subject, and the form's bookkeeping. */
export function cardData(data: Omit<CardData, "gf">): Record<string, unknown> {
  const out: Record<string, unknown> = { gf: 1 };
  for (const [k, v] of Object.entries(data)) if (v !== undefined) out[k] = v;
  return out;
}

export function button(
  title: string,
  verb: Verb,
  data: Omit<CardData, "gf">,
  props: Omit<ExecuteAction, "type" | "title" | "verb" | "data"> = {},
): ExecuteAction {
  return execute(title, verb, cardData(data), props);
}

/**
 * The refresh block: when the viewer sees the card again, Teams asks the bot for their current view, so
 * an old card never shows (or saves over) data someone changed since.
 */
export function refreshFor(viewerId: string | undefined, data: Omit<CardData, "gf">): Refresh | undefined {
  if (!viewerId) return undefined;
  return {
    action: { type: "Action.Execute", verb: "refresh", data: cardData(data) },
    userIds: [viewerId],
  };
}
