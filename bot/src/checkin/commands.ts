// What a person can type to the bot, in Finnish, Swedish or English: help, status, report (send my
// check-in again), language fi|sv|en. Anything else gets the help card.
import { LANGUAGES, type Language, type Round } from "@goal-forecast/core/domain/model";
import { translator } from "@goal-forecast/core/i18n";
import type { AdaptiveCard } from "../cards/adaptive.js";
import { helpCard, statusCard, type Command, type StatusLine } from "../cards/notices.js";
import { itemsFor, listCard, type CheckinStores, type Viewer } from "./views.js";

/** The words each command answers to; the help card shows the person's own language's. */
const WORDS: Record<Command, string[]> = {
  help: ["help", "ohje", "apua", "hjälp", "hjalp", "?"],
  status: ["status", "tila", "tilanne", "läge", "lage"],
  report: ["report", "raportoi", "ennuste", "vastaa", "rapportera", "rapport", "checkin", "check-in"],
  language: ["language", "lang", "kieli", "språk", "sprak"],
};

const LANGUAGE_WORDS: Record<string, Language> = {
  fi: "fi",
  suomi: "fi",
  suomeksi: "fi",
  finska: "fi",
  finnish: "fi",
  sv: "sv",
  ruotsi: "sv",
  ruotsiksi: "sv",
  svenska: "sv",
  swedish: "sv",
  en: "en",
  englanti: "en",
  englanniksi: "en",
  engelska: "en",
  english: "en",
};

export type ParsedCommand =
  | { command: "help" | "status" | "report" }
  | { command: "language"; language?: Language }
  | { command: "unknown" };

/** Reads a typed message: Teams may wrap it in HTML and mention the bot; case and punctuation don't matter. */
export function parseCommand(text: string | undefined): ParsedCommand {
  const cleaned = (text ?? "")
    .replace(/<at>[^<]*<\/at>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/g, " ")
    .trim()
    .toLowerCase()
    .replace(/[.!]+$/, "");
  const [first = "", second = ""] = cleaned.split(/\s+/);
  for (const [command, words] of Object.entries(WORDS) as [Command, string[]][]) {
    if (!words.includes(first)) continue;
    if (command === "language") {
      const language = LANGUAGE_WORDS[second];
      return language ? { command, language } : { command };
    }
    return { command };
  }
  return { command: "unknown" };
}

export interface Reply {
  text?: string;
  cards: AdaptiveCard[];
  /** The person chose a language: store it on their register entry. */
  setLanguage?: Language;
}

async function openRounds(stores: CheckinStores): Promise<Round[]> {
  return (await stores.rounds.list()).filter((r) => r.state === "open");
}

export async function handleCommand(
  stores: CheckinStores,
  viewer: Viewer,
  command: ParsedCommand,
): Promise<Reply> {
  const t = translator(viewer.lang);
  switch (command.command) {
    case "help":
      return { cards: [helpCard(viewer.lang)] };
    case "unknown":
      return { cards: [helpCard(viewer.lang, t("bot:help.unknown"))] };
    case "language": {
      if (!command.language) {
        return { text: t("bot:language.usage", { choices: LANGUAGES.join(" | ") }), cards: [] };
      }
      const t2 = translator(command.language);
      return {
        setLanguage: command.language,
        text: t2("bot:language.changed", { language: t2(`language.${command.language}`) }),
        cards: [],
      };
    }
    case "status": {
      const rounds = await openRounds(stores);
      const entries = await Promise.all(
        rounds.map(async (round) => ({
          round,
          lines: (await itemsFor(stores, round, viewer.person.id)).map<StatusLine>((i) => ({
            title: i.subject.projectId ? `${i.subject.goalTitle}: ${i.subject.title}` : i.subject.title,
            status: i.status,
          })),
        })),
      );
      return { cards: [statusCard(viewer.lang, entries)] };
    }
    case "report": {
      const rounds = await openRounds(stores);
      const cards: AdaptiveCard[] = [];
      for (const round of rounds) {
        if ((await itemsFor(stores, round, viewer.person.id)).length > 0) {
          cards.push(await listCard(stores, round, viewer));
        }
      }
      if (cards.length === 0) return { text: t("bot:status.nothingOpen"), cards: [] };
      return { cards };
    }
  }
}
