// A round's deadline as two inputs, date and time, as the new-round and extend dialogs ask for it.
import { Field, Input } from "@fluentui/react-components";
import { useI18n } from "../../i18n/i18n";

/** Local date and time inputs → ISO instant (the browser's time zone, as the admin sees it). */
export function toIso(date: string, time: string): string | undefined {
  if (!date) return undefined;
  const d = new Date(`${date}T${time || "16:00"}`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function DueFields({
  date,
  time,
  onDate,
  onTime,
  error,
}: {
  date: string;
  time: string;
  onDate(value: string): void;
  onTime(value: string): void;
  /** The server's objection to `dueAt`. */
  error: string | undefined;
}) {
  const { t } = useI18n();
  return (
    <>
      <Field label={t("admin.dueDate")} required validationMessage={error}>
        <Input type="date" value={date} onChange={(_, d) => onDate(d.value)} />
      </Field>
      <Field label={t("admin.dueTime")}>
        <Input type="time" value={time} onChange={(_, d) => onTime(d.value)} />
      </Field>
    </>
  );
}
