// The cards the bot sends on its own, not as an answer: a person's check-in (the list of their items),
// a reminder (the same list with the days left) and an escalation (the missing reports a manager or
// an admin is told about, core/src/domain/recipients.ts decides which).
import type { MessageKind } from "@goal-forecast/core/domain/delivery";
import type { Round } from "@goal-forecast/core/domain/model";
import type { MissingReport } from "@goal-forecast/core/domain/recipients";
import type { AdaptiveCard } from "../cards/adaptive.js";
import { escalationCard, type EscalationLine } from "../cards/checkin.js";
import { listCard, namesFor, type CheckinStores, type Viewer } from "./views.js";

export interface ProactiveMessage {
  kind: MessageKind;
  /** Reminders: days left until the due date (0 = due today). */
  daysLeft?: number;
  /** Escalations: the reports this person is told about. */
  missing?: readonly MissingReport[];
}

export async function proactiveCard(
  stores: CheckinStores,
  round: Round,
  viewer: Viewer,
  message: ProactiveMessage,
): Promise<AdaptiveCard> {
  if (message.kind === "escalation") {
    const missing = message.missing ?? [];
    const nameOf = await namesFor(
      stores,
      missing.flatMap((m) => m.ownerIds),
      [viewer.person],
    );
    const lines: EscalationLine[] = missing.map((m) => ({
      subject: { title: m.title, goalTitle: m.goalTitle, isProject: m.title !== m.goalTitle },
      owners: m.ownerIds.map(nameOf),
      status: m.status,
    }));
    return escalationCard(viewer.lang, round, lines);
  }
  return listCard(stores, round, viewer, {
    kind: message.kind,
    ...(message.daysLeft !== undefined ? { daysLeft: message.daysLeft } : {}),
  });
}
