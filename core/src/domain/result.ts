/** A field-level problem, rendered in the person's language by i18n (key `validation.<code>`). */
export interface FieldError {
  /** Path of the field, e.g. "progress", "risks.2.mitigation", "milestones.m3.actual". */
  field: string;
  code: ErrorCode;
  params?: Record<string, string | number>;
}

export type ErrorCode =
  | "required"
  | "tooLong"
  | "tooMany"
  | "outOfRange"
  | "notANumber"
  | "notAnInteger"
  | "invalidChoice"
  | "unknownMilestone"
  | "duplicate"
  | "invalidDate"
  | "illegalTransition"
  | "roundExists"
  | "notAllowed"
  | "invalid";

export type Result<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(...errors: FieldError[]): Result<T> => ({ ok: false, errors });
