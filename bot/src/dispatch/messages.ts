// The queue message of one delivery: which row to work on, nothing else. Everything the send needs is
// read from storage when the message is handled, so a message that waited (or was redelivered) never
// acts on stale data, and the message stays far below the queue's 64 KB.
import { z } from "zod";
import type { MessageKind } from "@goal-forecast/core/domain/delivery";

export interface DispatchMessage {
  roundId: string;
  batchId: string;
  personId: string;
  kind: MessageKind;
}

// Table keys may not hold / \ # ? or control characters: such a message could never match a row.
// eslint-disable-next-line no-control-regex -- control characters are exactly what keys may not hold
const key = z.string().regex(/^[^/\\#?\u0000-\u001f]{1,200}$/);
const schema = z
  .object({
    v: z.literal(1),
    round: key,
    batch: key,
    person: key,
    kind: z.enum(["checkin", "reminder", "escalation"]),
  })
  .strict();

export function encodeMessage(m: DispatchMessage): string {
  return JSON.stringify({ v: 1, round: m.roundId, batch: m.batchId, person: m.personId, kind: m.kind });
}

/** The message, or why it cannot be handled (it then goes to the poison queue). */
export function decodeMessage(
  text: string,
): { ok: true; message: DispatchMessage } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: "notJson" };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: "badShape" };
  const { round, batch, person, kind } = parsed.data;
  return { ok: true, message: { roundId: round, batchId: batch, personId: person, kind } };
}
