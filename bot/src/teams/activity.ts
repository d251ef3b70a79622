// The shape an incoming Bot Framework activity must have before botbuilder sees it. botbuilder answers
// 500 by itself for an activity without `type` or with a non-string `serviceUrl`, before any error
// handler of ours runs; checking here turns that into a clear 400. Authentication stays botbuilder's.
import { z } from "zod";

const account = z.looseObject({ id: z.string().min(1).max(512) });

export const activityShape = z.looseObject({
  type: z.string().min(1).max(64),
  serviceUrl: z
    .string()
    .max(2048)
    .refine((v) => /^https?:\/\/[^\s]+$/i.test(v), "serviceUrl must be an http(s) URL"),
  channelId: z.string().min(1).max(64),
  conversation: account,
  from: account,
  recipient: account.optional(),
  name: z.string().max(256).optional(),
  text: z.string().max(100_000).optional(),
  locale: z.string().max(64).optional(),
});

export type ShapeCheck = { ok: true } | { ok: false; problems: string[] };

export function checkActivityShape(body: unknown): ShapeCheck {
  const parsed = activityShape.safeParse(body);
  if (parsed.success) return { ok: true };
  return {
    ok: false,
    problems: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "body"}: ${i.message}`),
  };
}
