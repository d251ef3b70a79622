// Dates, numbers and locales as each language writes them, in Finnish time. Apart from the strings
// (index.ts) so that the tab takes these without the server's locale files.
import { TIME_ZONE } from "../domain/deadline.js";
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
