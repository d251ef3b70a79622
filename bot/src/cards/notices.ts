// Short cards: help, status, and the notices that answer a button that cannot do what it says
// (round closed, not your goal, unknown person, a payload the bot cannot read).
import type { Language, Round } from "@goal-forecast/core/domain/model";
import type { ResponseStatus } from "@goal-forecast/core/domain/status";
import { formatDate, translator } from "@goal-forecast/core/i18n";
import { card, textBlock, type AdaptiveCard, type Element, type ExecuteAction } from "./adaptive.js";
import { bold, md } from "./markdown.js";
import { bannerBlock, button, roundLine, roundName, type Banner } from "./parts.js";

export const COMMANDS = ["help", "status", "report", "language"] as const;
export type Command = (typeof COMMANDS)[number];

export function helpCard(lang: Language, intro?: string): AdaptiveCard {
  const t = translator(lang);
  const body: Element[] = [
    textBlock(t("bot:help.title"), { size: "large", weight: "bolder", style: "heading" }),
  ];
  if (intro) body.push(textBlock(intro, { spacing: "small" }));
  body.push(textBlock(t("bot:help.intro"), { spacing: "small" }));
  body.push({
    type: "FactSet",
    facts: COMMANDS.map((c) => ({
      title: t(`bot:help.commands.${c}.usage`),
      value: t(`bot:help.commands.${c}.text`),
    })),
  });
  body.push(textBlock(t("bot:help.languages"), { isSubtle: true, size: "small", spacing: "medium" }));
  return card({ body, fallbackText: t("bot:help.title") });
}

export interface StatusLine {
  title: string;
  status: ResponseStatus;
}

export function statusCard(lang: Language, rounds: { round: Round; lines: StatusLine[] }[]): AdaptiveCard {
  const t = translator(lang);
  const body: Element[] = [
    textBlock(t("bot:status.title"), { size: "large", weight: "bolder", style: "heading" }),
  ];
  const actions: ExecuteAction[] = [];
  if (rounds.length === 0) body.push(textBlock(t("bot:status.noOpenRound")));
  for (const { round, lines } of rounds) {
    body.push(textBlock(bold(roundName(round, lang)), { spacing: "medium", separator: true }));
    body.push(textBlock(roundLine(round, lang), { isSubtle: true, spacing: "none", size: "small" }));
    if (lines.length === 0) {
      body.push(textBlock(t("bot:status.nothingToReport")));
      continue;
    }
    const done = lines.filter((l) => l.status === "submitted").length;
    body.push(textBlock(t("bot:checkin.progress", { done, total: lines.length }), { spacing: "small" }));
    body.push({
      type: "FactSet",
      facts: lines.map((l) => ({ title: md(l.title), value: t(`bot:itemStatus.${l.status}`) })),
    });
    actions.push(
      button(t("bot:status.open", { round: roundName(round, lang) }), "list", {
        view: "list",
        roundId: round.id,
      }),
    );
  }
  return card({
    body,
    ...(actions.length > 0 ? { actions } : {}),
    fallbackText: t("bot:status.title"),
  });
}

/** A one-message answer: a titled banner with optional lines and a way back to the list. */
export function noticeCard(
  lang: Language,
  banner: Banner,
  options: {
    round?: Round;
    backToList?: boolean;
    /** What the person typed and could not save, shown so they can copy it (already escaped). */
    kept?: string[];
  } = {},
): AdaptiveCard {
  const t = translator(lang);
  const body: Element[] = [];
  if (options.round) {
    body.push(textBlock(md(roundName(options.round, lang)), { weight: "bolder", style: "heading" }));
    body.push(textBlock(roundLine(options.round, lang), { isSubtle: true, spacing: "none" }));
  }
  body.push(bannerBlock(banner));
  if (options.kept?.length) {
    body.push(textBlock(bold(t("bot:closed.typedTitle")), { spacing: "medium", separator: true }));
    for (const line of options.kept) body.push(textBlock(line, { spacing: "small" }));
  }
  const actions: ExecuteAction[] =
    options.round && options.backToList
      ? [button(t("bot:summary.backToList"), "list", { view: "list", roundId: options.round.id })]
      : [];
  return card({ body, ...(actions.length > 0 ? { actions } : {}), fallbackText: banner.title });
}

/** The round has closed (or was never opened): nothing can be changed any more. */
export function closedRoundBanner(round: Round, lang: Language, admin?: string): Banner {
  const t = translator(lang);
  return {
    tone: "warning",
    title: t("bot:closed.title", { round: roundName(round, lang) }),
    lines: [
      round.closesAt
        ? t("bot:closed.since", { at: formatDate(round.closesAt, lang) })
        : t("bot:closed.noChanges"),
      // Whom to ask: the admin who runs the round.
      ...(admin ? [t("bot:closed.contact", { admin: md(admin) })] : []),
    ],
  };
}
