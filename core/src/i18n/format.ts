// Dates, numbers and locales as each language writes them, in Finnish time. Apart from the strings
// (index.ts) so that the tab takes these without the server's locale files.
import { helsinkiDueAt, TIME_ZONE } from "../domain/deadline.js";
import { LANGUAGES, type Language } from "../domain/model.js";

/** BCP 47 tags for dates and numbers: Swedish as written in Finland, English with day-month order. */
export const LOCALE_TAG: Record<Language, string> = { fi: "fi-FI", sv: "sv-FI", en: "en-GB" };

/** Maps a Teams or browser locale ("fi-fi", "sv-SE", "en-us") to a product language, if supported. */
export function languageOf(locale: string | undefined | null): Language | undefined {
  const prefix = locale?.trim().slice(0, 2).toLowerCase();
  return (LANGUAGES as readonly string[]).includes(prefix ?? "") ? (prefix as Language) : undefined;
}

// Intl formatters are costly to create and exports format thousands of values: keep one per setting.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatDate(iso: string | Date, lang: Language, withTime = false): string {
  const date = typeof iso === "string" ? new Date(iso) : iso;
  const key = `${lang}|${withTime}`;
  let format = dateFormats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions = withTime
      ? {
          day: "numeric",
          month: "numeric",
          year: "numeric",
          hour: "2-digit",
          minute: "2-digit",
          timeZone: TIME_ZONE,
        }
      : { day: "numeric", month: "numeric", year: "numeric", timeZone: TIME_ZONE };
    format = new Intl.DateTimeFormat(LOCALE_TAG[lang], options);
    dateFormats.set(key, format);
  }
  return format.format(date);
}

export function formatNumber(value: number, lang: Language, options?: Intl.NumberFormatOptions): string {
  const key = `${lang}|${options ? JSON.stringify(options) : ""}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE_TAG[lang], options);
    numberFormats.set(key, format);
  }
  return format.format(value);
}

export function formatPercent(value: number, lang: Language): string {
  return formatNumber(value / 100, lang, { style: "percent", maximumFractionDigits: 0 });
}

// Date and time as typed into a text field. Fields of type "date" and "time" show the browser's
// locale (mm/dd/yyyy, 04:00 PM), not the person's language; the tab's deadline fields are text in the
// language's own form instead, read here as Helsinki wall-clock time.

/** A calendar date ("2026-03-31") as the language writes it: "31.3.2026", "31/03/2026". */
export function dateFieldText(date: string, lang: Language): string {
  const at = helsinkiDueAt(date, "12:00");
  return at ? formatDate(at, lang) : date;
}

const timeFormats = new Map<Language, Intl.DateTimeFormat>();

/** A time of day ("16:00") as the language writes it: "16.00" in Finnish and Swedish, "16:00". */
export function timeFieldText(time: string, lang: Language): string {
  const at = helsinkiDueAt("2000-01-01", time);
  if (!at) return time;
  let format = timeFormats.get(lang);
  if (!format) {
    const options: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
    format = new Intl.DateTimeFormat(LOCALE_TAG[lang], { ...options, timeZone: TIME_ZONE });
    timeFormats.set(lang, format);
  }
  return format.format(new Date(at));
}

/**
 * What was typed as a date → "YYYY-MM-DD", or undefined. All three languages put the day first
 * (31.3.2026, 31/03/2026, 31-3-2026); the ISO form 2026-03-31 is read too. Whether the day exists is
 * left to helsinkiDueAt.
 */
export function parseDateField(text: string): string | undefined {
  const s = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const dayFirst = /^(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4})$/.exec(s);
  const [year, month, day] = iso
    ? [iso[1], iso[2], iso[3]]
    : dayFirst
      ? [dayFirst[3], dayFirst[2], dayFirst[1]]
      : [];
  if (!year || !month || !day) return undefined;
  return `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
}

/** What was typed as a time of day ("16.00", "16:00", "9.30", "16") → "HH:MM", or undefined. */
export function parseTimeField(text: string): string | undefined {
  const t = /^(\d{1,2})(?:\s*[.:]\s*(\d{2}))?$/.exec(text.trim());
  if (!t?.[1]) return undefined;
  return `${t[1].padStart(2, "0")}:${t[2] ?? "00"}`;
}

/**
 * A deadline typed as date and time text, read as Helsinki time → an ISO instant; undefined when
 * either cannot be read (an empty time means the default 16:00).
 */
export function dueAtFromFields(dateText: string, timeText: string): string | undefined {
  const date = parseDateField(dateText);
  const time = timeText.trim() ? parseTimeField(timeText) : "";
  return date === undefined || time === undefined ? undefined : helsinkiDueAt(date, time);
}
