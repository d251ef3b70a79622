// The deck's words in the export's language.
import type { MilestoneStatus } from "@goal-forecast/core/domain/model";
import type { Translate } from "@goal-forecast/core/i18n";

/** The deck's words in the export's language, looked up once per deck rather than per layout tried. */
export interface DeckText {
  goal: string;
  subGoal: string;
  project: string;
  forecast: string;
  risks: string;
  mitigation: string;
  noRisks: string;
  noNarrative: string;
  draft: string;
  preparers: string;
  notReported: string;
  status: Record<MilestoneStatus, string>;
  owners(count: number): string;
  reported(name: string, date: string): string;
  progress(value: string): string;
  continued(page: number, pages: number): string;
  barAlt(value: string, milestones: string): string;
}

export function deckText(t: Translate): DeckText {
  const word = (key: string): string => t(`exports:deck.${key}`);
  return {
    goal: word("goal"),
    subGoal: word("subGoal"),
    project: word("project"),
    forecast: word("forecast"),
    risks: word("risks"),
    mitigation: word("mitigation"),
    noRisks: word("noRisks"),
    noNarrative: word("noNarrative"),
    draft: word("draft"),
    preparers: word("preparers"),
    notReported: word("notReported"),
    status: {
      notStarted: t("milestoneStatus.notStarted").toLocaleUpperCase(),
      inProgress: t("milestoneStatus.inProgress").toLocaleUpperCase(),
      done: t("milestoneStatus.done").toLocaleUpperCase(),
    },
    owners: (count) => t("exports:deck.owners", { count }),
    reported: (name, date) => t("exports:deck.reported", { name, date }),
    progress: (value) => t("exports:deck.progress", { value }),
    continued: (page, pages) => t("exports:deck.continued", { page, pages }),
    barAlt: (value, milestones) => t("exports:deck.barAlt", { value, milestones }),
  };
}
