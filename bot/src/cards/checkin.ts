// The check-in message: one per person and round, listing the goals and projects they answer for,
// where each stands (not started / draft / submitted) and a button per item. Reminders are the same
// card with a line on how much time is left; `status` shows it too.
import type { Language, Person, Report, Round, Subject } from "@goal-forecast/core/domain/model";
import type { ResponseStatus } from "@goal-forecast/core/domain/status";
import type { AssignmentRole } from "@goal-forecast/core/domain/subjects";
import { formatDate, translator } from "@goal-forecast/core/i18n";
import { card, container, textBlock, type AdaptiveCard, type Element } from "./adaptive.js";
import { bold, md } from "./markdown.js";
import { bannerBlock, button, refreshFor, roundLine, roundName, type NameOf } from "./parts.js";

export interface CheckinItem {
  subject: Subject;
  role: AssignmentRole;
  status: ResponseStatus;
  report?: Report;
}

export interface CheckinModel {
  lang: Language;
  round: Round;
  person: Pick<Person, "id" | "displayName">;
  items: CheckinItem[];
  kind: "checkin" | "reminder";
  /** Reminders: days until the due date (0 = today, negative = overdue). */
  daysLeft?: number;
  nameOf: NameOf;
  viewerId?: string;
}

const STATUS_COLOR = { missing: "attention", draft: "warning", submitted: "good" } as const;

function itemBlock(item: CheckinItem, model: CheckinModel, index: number): Element {
  const t = translator(model.lang);
  const { subject, report } = item;
  const lines: Element[] = [];
  if (subject.projectId) {
    lines.push(textBlock(md(subject.goalTitle), { isSubtle: true, size: "small", spacing: "none" }));
  }
  lines.push(textBlock(bold(subject.title), { spacing: "none" }));
  let state = bold(t(`bot:itemStatus.${item.status}`));
  if (report) {
    state +=
      " · " +
      t("bot:checkin.lastChange", {
        name: md(model.nameOf(report.updatedBy)),
        at: formatDate(report.updatedAt, model.lang),
      });
  }
  lines.push(
    textBlock(`${t(`role.${item.role}`)} · ${state}`, {
      size: "small",
      spacing: "small",
      color: STATUS_COLOR[item.status],
    }),
  );
  const label =
    item.status === "submitted"
      ? t("bot:checkin.view")
      : item.status === "draft"
        ? t("bot:checkin.continue")
        : t("bot:checkin.start");
  lines.push({
    type: "ActionSet",
    spacing: "small",
    actions: [
      button(
        label,
        "open",
        { view: "list", roundId: model.round.id, subjectId: subject.id, goalId: subject.goalId },
        {
          tooltip: `${label}: ${subject.title}`,
          ...(item.status === "submitted" ? {} : { style: "positive" as const }),
        },
      ),
    ],
  });
  return container(lines, { separator: index > 0, spacing: "medium" });
}

export function checkinCard(model: CheckinModel): AdaptiveCard {
  const t = translator(model.lang);
  const { round } = model;
  const body: Element[] = [
    textBlock(md(roundName(round, model.lang)), { size: "large", weight: "bolder", style: "heading" }),
    textBlock(roundLine(round, model.lang), { isSubtle: true, spacing: "none" }),
  ];
  if (model.kind === "reminder") {
    const days = model.daysLeft ?? 0;
    body.push(
      bannerBlock({
        tone: days < 0 ? "attention" : "warning",
        title:
          days < 0
            ? t("bot:checkin.overdue", { due: formatDate(round.dueAt, model.lang) })
            : days === 0
              ? t("bot:checkin.dueToday")
              : t("bot:checkin.daysLeft", { count: days }),
      }),
    );
  }
  const done = model.items.filter((i) => i.status === "submitted").length;
  body.push(
    textBlock(
      round.state === "open"
        ? t("bot:checkin.intro", { name: md(model.person.displayName.split(" ")[0] ?? "") })
        : t("bot:closed.title", { round: roundName(round, model.lang) }),
      { spacing: "medium" },
    ),
  );
  if (model.items.length === 0) {
    body.push(textBlock(t("bot:checkin.nothing"), { isSubtle: true }));
  } else {
    body.push(
      textBlock(t("bot:checkin.progress", { done, total: model.items.length }), {
        isSubtle: true,
        size: "small",
      }),
    );
    model.items.forEach((item, index) => body.push(itemBlock(item, model, index)));
  }
  body.push(textBlock(t("bot:checkin.helpHint"), { isSubtle: true, size: "small", spacing: "large" }));
  const refresh = refreshFor(model.viewerId, { view: "list", roundId: round.id });
  return card({
    body,
    ...(refresh ? { refresh } : {}),
    fallbackText: t("bot:checkin.fallback", { round: roundName(round, model.lang) }),
  });
}

export interface EscalationLine {
  subject: Pick<Subject, "title" | "goalTitle"> & { isProject: boolean };
  /** Display names of the owners who answer for it. */
  owners: string[];
  status: Exclude<ResponseStatus, "submitted">;
}

/** To a manager (or an admin) after the due date: which reports are still missing or unfinished. */
export function escalationCard(lang: Language, round: Round, lines: EscalationLine[]): AdaptiveCard {
  const t = translator(lang);
  const body: Element[] = [
    textBlock(t("bot:escalation.title", { round: roundName(round, lang) }), {
      size: "large",
      weight: "bolder",
      style: "heading",
    }),
    textBlock(roundLine(round, lang), { isSubtle: true, spacing: "none" }),
    textBlock(lines.length === 0 ? t("bot:escalation.none") : t("bot:escalation.intro"), {
      spacing: "medium",
    }),
  ];
  lines.forEach((l, index) => {
    body.push(
      container(
        [
          ...(l.subject.isProject
            ? [
                textBlock(md(l.subject.goalTitle), {
                  isSubtle: true,
                  size: "small" as const,
                  spacing: "none" as const,
                }),
              ]
            : []),
          textBlock(bold(l.subject.title), { spacing: "none" }),
          textBlock(
            `${t(`bot:itemStatus.${l.status}`)} · ${t("bot:escalation.owners", { names: l.owners.map(md).join(", ") || "–" })}`,
            { size: "small", color: l.status === "missing" ? "attention" : "warning", spacing: "small" },
          ),
        ],
        { separator: index > 0, spacing: "small" },
      ),
    );
  });
  return card({ body, fallbackText: t("bot:escalation.title", { round: roundName(round, lang) }) });
}
