// Feedback from the tab (the accessibility statement's form): stored with who sent it and in which
// language, audited, and answered with a receipt that names the date the answer is due (14 days).
import { contract } from "@goal-forecast/core/contract";
import { feedbackAnswerDue } from "@goal-forecast/core/domain/feedback";
import type { Stores } from "../storage/index.js";
import type { Implement } from "./implement.js";

export function feedbackRoutes(implement: Implement, stores: Stores): void {
  implement(contract.system.feedback, async ({ body, principal, lang }) => {
    const receivedAt = new Date().toISOString();
    const from = {
      ...(principal.person ? { personId: principal.person.id } : {}),
      upn: principal.upn,
      name: principal.person?.displayName ?? principal.name,
    };
    const record = await stores.feedback.add({
      receivedAt,
      answerBy: feedbackAnswerDue(receivedAt),
      topic: body.topic,
      message: body.message,
      ...(body.where ? { where: body.where } : {}),
      from,
      wantsAnswer: body.wantsAnswer,
      language: lang,
    });
    await stores.audit.append({
      at: receivedAt,
      by: from.personId ?? principal.upn,
      action: "feedback.received",
      target: `feedback:${record.id}`,
      details: { topic: record.topic, answerBy: record.answerBy },
    });
    return { id: record.id, receivedAt: record.receivedAt, answerBy: record.answerBy };
  });
}
