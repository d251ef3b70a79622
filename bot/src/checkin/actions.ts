// What a press of a check-in card button does. Every button answers with the card the person should
// see next (Universal Actions replace the card in place): the next view, the form again with errors next
// to the fields and everything typed kept, a conflict to resolve, or a notice saying why not.
// Saving goes through reporting/save.ts, the path the REST API takes too.
import { acceptsReports } from "@goal-forecast/core/domain/rounds";
import type { Report, Round, Subject } from "@goal-forecast/core/domain/model";
import { canSubmit, findSubject, roleFor, subjectsOfGoal } from "@goal-forecast/core/domain/subjects";
import { translator } from "@goal-forecast/core/i18n";
import { saveReport } from "../reporting/save.js";
import {
  parseInvokeData,
  reportInputFromForm,
  VERBS,
  type CardData,
  type InputValues,
  type Verb,
} from "../cards/actions.js";
import type { AdaptiveCard } from "../cards/adaptive.js";
import { conflictBanner } from "../cards/conflict.js";
import { closedRoundBanner, noticeCard } from "../cards/notices.js";
import { valuesFromInputs } from "../cards/report-form.js";
import {
  formCard,
  listCard,
  namesFor,
  summaryCard,
  type CheckinStores,
  type SubjectContext,
  type Viewer,
} from "./views.js";
import { LIMITS } from "@goal-forecast/core/domain/limits";

export type ActionResult = { card: AdaptiveCard; outcome: string };

function malformed(viewer: Viewer): ActionResult {
  const t = translator(viewer.lang);
  return {
    outcome: "malformed",
    card: noticeCard(viewer.lang, {
      tone: "attention",
      title: t("bot:notice.malformed"),
      lines: [t("bot:notice.typeReport")],
    }),
  };
}

/** A notice that leads back to the person's list of the round (what the button named is not theirs). */
function backToList(viewer: Viewer, round: Round, outcome: string, title: string): ActionResult {
  return {
    outcome,
    card: noticeCard(viewer.lang, { tone: "attention", title }, { round, backToList: true }),
  };
}

/** Handles one `adaptiveCard/action` invoke. Never throws for bad input: every problem is a card. */
export async function handleCardAction(
  stores: CheckinStores,
  viewer: Viewer,
  verb: unknown,
  rawData: unknown,
  now: Date = new Date(),
): Promise<ActionResult> {
  const t = translator(viewer.lang);
  if (typeof verb !== "string" || !(VERBS as readonly string[]).includes(verb)) return malformed(viewer);
  const parsed = parseInvokeData(rawData);
  if (!parsed.ok) return malformed(viewer);
  const { data, inputs } = parsed;

  const round = await stores.rounds.get(data.roundId);
  if (!round) {
    return {
      outcome: "unknownRound",
      card: noticeCard(viewer.lang, { tone: "attention", title: t("bot:notice.unknownRound") }),
    };
  }

  const wantsList = verb === "list" || ((verb === "refresh" || verb === "cancel") && !data.subjectId);
  if (wantsList) return { outcome: "list", card: await listCard(stores, round, viewer) };
  if (!data.subjectId) return malformed(viewer);

  const subject = await subjectOf(stores, round, data.subjectId, data.goalId);
  if (!subject || !round.goalIds.includes(subject.goalId)) {
    return backToList(viewer, round, "unknownSubject", t("bot:notice.unknownSubject"));
  }
  const role = roleFor(viewer.person.id, subject, round);
  if (!role) {
    return backToList(viewer, round, "notAssigned", t("bot:notice.notAssigned", { title: subject.title }));
  }
  const ctx: SubjectContext = { round, subject, role };
  return subjectAction(stores, viewer, ctx, verb as Verb, data, inputs, now);
}

/**
 * The subject a button names: one point read of its goal when the card carries the goal id, else (a
 * card sent before it did) a search through the year's goals.
 */
async function subjectOf(
  stores: CheckinStores,
  round: Round,
  subjectId: string,
  goalId: string | undefined,
): Promise<Subject | undefined> {
  if (goalId === undefined) return findSubject({ goals: await stores.register.goals(round.year) }, subjectId);
  if (!round.goalIds.includes(goalId)) return undefined;
  const goal = await stores.register.goal(goalId);
  if (!goal || goal.year !== round.year) return undefined;
  return subjectsOfGoal(goal).find((s) => s.id === subjectId);
}

async function subjectAction(
  stores: CheckinStores,
  viewer: Viewer,
  ctx: SubjectContext,
  verb: Verb,
  data: CardData,
  inputs: InputValues,
  now: Date,
): Promise<ActionResult> {
  const { round, subject, role } = ctx;
  // The report is read once per click: the views and the save below work on this read (the save's
  // write is still conditional on its version).
  const stored = (await stores.reports.get(round.id, subject.id)) ?? null;

  // A closed round shows what was reported and says so; nothing can be changed any more.
  if (!acceptsReports(round)) {
    if (stored) return { outcome: "closed", card: await summaryCard(stores, ctx, stored, viewer) };
    return {
      outcome: "closed",
      card: noticeCard(viewer.lang, closedRoundBanner(round, viewer.lang), { round, backToList: true }),
    };
  }

  const rows = Math.min(data.rows ?? 0, LIMITS.risks);
  switch (verb) {
    case "refresh":
    case "open":
    case "cancel": {
      if (
        verb === "refresh" &&
        data.view === "form" &&
        data.editing &&
        stored?.state === "submitted" &&
        canSubmit(role)
      ) {
        return {
          outcome: "form",
          card: await formCard(stores, ctx, viewer, {
            stored,
            editing: true,
            ...staleBanner(data, stored, viewer),
          }),
        };
      }
      if (stored?.state === "submitted")
        return { outcome: "summary", card: await summaryCard(stores, ctx, stored, viewer) };
      if (verb === "cancel") return { outcome: "list", card: await listCard(stores, round, viewer) };
      if (verb === "refresh" && data.view === "summary" && stored) {
        return { outcome: "summary", card: await summaryCard(stores, ctx, stored, viewer) };
      }
      return {
        outcome: "form",
        card: await formCard(stores, ctx, viewer, { stored, ...staleBanner(data, stored, viewer) }),
      };
    }
    case "list":
      return { outcome: "list", card: await listCard(stores, round, viewer) };
    case "edit": {
      if (stored?.state === "submitted" && canSubmit(role)) {
        return { outcome: "form", card: await formCard(stores, ctx, viewer, { stored, editing: true }) };
      }
      if (stored) return { outcome: "summary", card: await summaryCard(stores, ctx, stored, viewer) };
      return { outcome: "form", card: await formCard(stores, ctx, viewer, { stored }) };
    }
    case "addRisk":
    case "removeRisk": {
      const typed = valuesFromInputs(inputs, subject, rows);
      if (verb === "addRisk" && typed.risks.length < LIMITS.risks)
        typed.risks.push({ risk: "", mitigation: "" });
      if (verb === "removeRisk" && data.index !== undefined) typed.risks.splice(data.index, 1);
      return {
        outcome: "form",
        card: await formCard(stores, ctx, viewer, {
          stored,
          typed,
          version: data.version,
          editing: data.editing ?? false,
        }),
      };
    }
    case "saveDraft":
    case "submit":
      return save(stores, viewer, ctx, stored, verb === "submit" ? "submit" : "draft", data, inputs, now);
  }
}

/** When a refreshed form shows a newer version than the card had, say who changed it. */
function staleBanner(
  data: CardData,
  stored: Report | null,
  viewer: Viewer,
): { banner?: { tone: "accent"; title: string } } {
  if (!stored || !data.version || data.version === stored.version) return {};
  return { banner: { tone: "accent", title: translator(viewer.lang)("bot:notice.refreshed") } };
}

async function save(
  stores: CheckinStores,
  viewer: Viewer,
  ctx: SubjectContext,
  stored: Report | null,
  action: "draft" | "submit",
  data: CardData,
  inputs: InputValues,
  now: Date,
): Promise<ActionResult> {
  const t = translator(viewer.lang);
  const { round, subject } = ctx;
  const rows = Math.min(data.rows ?? 0, LIMITS.risks);
  const input = reportInputFromForm(
    inputs,
    subject.milestones.map((m) => m.id),
    rows,
  );
  const typed = valuesFromInputs(inputs, subject, rows);
  const editing = data.editing ?? false;
  const outcome = await saveReport(
    stores,
    {
      roundId: round.id,
      subjectId: subject.id,
      personId: viewer.person.id,
      action,
      input,
      ...(data.version ? { expectedVersion: data.version } : {}),
    },
    now,
    { round, subject, stored },
  );
  switch (outcome.kind) {
    case "saved":
      if (outcome.report.state === "submitted") {
        return {
          outcome: "submitted",
          card: await summaryCard(stores, ctx, outcome.report, viewer, {
            tone: "good",
            title: t("bot:saved.submitted"),
            lines: [t("bot:saved.canEdit")],
          }),
        };
      }
      return {
        outcome: "drafted",
        card: await formCard(stores, ctx, viewer, {
          stored: outcome.report,
          banner: { tone: "good", title: t("bot:saved.draft") },
        }),
      };
    case "invalid":
      return {
        outcome: "invalid",
        card: await formCard(stores, ctx, viewer, {
          stored,
          typed,
          version: data.version,
          editing,
          errors: outcome.errors,
        }),
      };
    case "conflict": {
      const current = outcome.current;
      const nameOf = await namesFor(stores, current ? [current.updatedBy] : [], [viewer.person]);
      // The form keeps the person's values and now expects the stored version: saving again is a
      // deliberate overwrite by someone who has seen what changed.
      return {
        outcome: "conflict",
        card: await formCard(stores, ctx, viewer, {
          stored: current ?? null,
          typed,
          version: current?.version,
          editing: editing && current?.state === "submitted",
          banner: conflictBanner(current, typed, subject, viewer.lang, nameOf),
        }),
      };
    }
    case "forbidden": {
      if (outcome.reason === "preparerCannotSubmit") {
        return {
          outcome: "forbidden",
          card: await formCard(stores, ctx, viewer, {
            stored,
            typed,
            version: data.version,
            banner: { tone: "attention", title: t("bot:notice.preparerCannotSubmit") },
          }),
        };
      }
      if (outcome.reason === "alreadySubmitted" && stored) {
        return {
          outcome: "forbidden",
          card: await summaryCard(stores, ctx, stored, viewer, {
            tone: "attention",
            title: t("bot:notice.alreadySubmitted"),
          }),
        };
      }
      return backToList(viewer, round, "forbidden", t("bot:notice.notAssigned", { title: subject.title }));
    }
    case "roundNotOpen": {
      const closed = { ...ctx, round: outcome.round };
      if (stored) {
        return {
          outcome: "closed",
          card: await summaryCard(stores, closed, stored, viewer),
        };
      }
      return {
        outcome: "closed",
        card: noticeCard(viewer.lang, closedRoundBanner(outcome.round, viewer.lang), {
          round: outcome.round,
        }),
      };
    }
    case "notFound":
      return backToList(
        viewer,
        round,
        "notFound",
        t(outcome.what === "round" ? "bot:notice.unknownRound" : "bot:notice.unknownSubject"),
      );
  }
}
