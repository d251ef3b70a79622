// A round's deadline as two text fields, date and time, as the new-round and extend dialogs ask for
// it. Text, not type="date"/"time": those show the browser's locale (mm/dd/yyyy, 04:00 PM) whatever
// the person's language; these take the language's own form and are read as Helsinki time.
import { Field, Input } from "@fluentui/react-components";
import { useState } from "react";
import { DEFAULT_DUE_TIME, helsinkiYear } from "@goal-forecast/core/domain/deadline";
import { dateFieldText, dueAtFromFields, timeFieldText } from "@goal-forecast/core/i18n/format";
import { useI18n } from "../../i18n/i18n";

export interface DueText {
  date: string;
  time: string;
}

/** The fields' text, the time starting at the usual 16:00 as the language writes it. */
export function useDueText(): [DueText, (next: DueText) => void] {
  const { lang } = useI18n();
  return useState<DueText>(() => ({ date: "", time: timeFieldText(DEFAULT_DUE_TIME, lang) }));
}

/**
 * What the request carries as `dueAt`: the instant, or, when the text cannot be read, the text itself,
 * so that the server refuses it at the field in the person's language like any other wrong value.
 */
export function dueAtOf(due: DueText): string {
  return dueAtFromFields(due.date, due.time) ?? `${due.date} ${due.time}`.trim();
}

export function DueFields({
  value,
  onChange,
  error,
}: {
  value: DueText;
  onChange(next: DueText): void;
  /** The server's objection to `dueAt`. */
  error: string | undefined;
}) {
  const { t, lang } = useI18n();
  const example = `${helsinkiYear()}-03-31`;
  return (
    <>
      <Field
        label={t("admin.dueDate")}
        required
        hint={t("admin.dueDateHint", { example: dateFieldText(example, lang) })}
        validationMessage={error}
      >
        <Input
          value={value.date}
          inputMode="numeric"
          autoComplete="off"
          onChange={(_, d) => onChange({ ...value, date: d.value })}
        />
      </Field>
      <Field
        label={t("admin.dueTime")}
        hint={t("admin.dueTimeHint", { example: timeFieldText(DEFAULT_DUE_TIME, lang) })}
      >
        <Input
          value={value.time}
          inputMode="numeric"
          autoComplete="off"
          onChange={(_, d) => onChange({ ...value, time: d.value })}
        />
      </Field>
    </>
  );
}
