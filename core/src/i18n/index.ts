// Every string a person sees, in Finnish, Swedish and English. One file per language and namespace
// under locales/<lang>/<namespace>.json; Finnish is the fallback (the division works in Finnish).
import i18next, { type TFunction } from "i18next";
import { LANGUAGES, type Language } from "../domain/model.js";
import type { FieldError } from "../domain/result.js";
import fiCommon from "./locales/fi/common.json" with { type: "json" };
import svCommon from "./locales/sv/common.json" with { type: "json" };
import enCommon from "./locales/en/common.json" with { type: "json" };
import fiBot from "./locales/fi/bot.json" with { type: "json" };
import svBot from "./locales/sv/bot.json" with { type: "json" };
import enBot from "./locales/en/bot.json" with { type: "json" };
import fiTab from "./locales/fi/tab.json" with { type: "json" };
import svTab from "./locales/sv/tab.json" with { type: "json" };
import enTab from "./locales/en/tab.json" with { type: "json" };
import fiExports from "./locales/fi/exports.json" with { type: "json" };
import svExports from "./locales/sv/exports.json" with { type: "json" };
import enExports from "./locales/en/exports.json" with { type: "json" };
import fiImport from "./locales/fi/import.json" with { type: "json" };
import svImport from "./locales/sv/import.json" with { type: "json" };
import enImport from "./locales/en/import.json" with { type: "json" };

export const resources = {
  fi: { common: fiCommon, bot: fiBot, tab: fiTab, exports: fiExports, import: fiImport },
  sv: { common: svCommon, bot: svBot, tab: svTab, exports: svExports, import: svImport },
  en: { common: enCommon, bot: enBot, tab: enTab, exports: enExports, import: enImport },
} as const;

export const NAMESPACES = Object.keys(resources.fi) as (keyof (typeof resources)["fi"])[];

const instance = i18next.createInstance();
void instance.init({
  resources,
  lng: "fi",
  fallbackLng: "fi",
  supportedLngs: [...LANGUAGES],
  ns: NAMESPACES,
  defaultNS: "common",
  initAsync: false,
  interpolation: { escapeValue: false }, // callers escape for where the text goes (HTML, Markdown, cells)
  returnNull: false,
});

export type Translate = TFunction;

/** A translate function fixed to one language: `t("verdict.onTrack")`, `t("bot:help.title")`. */
export function translator(lang: Language): Translate {
  return instance.getFixedT(lang);
}

/** BCP 47 tags for dates and numbers: Swedish as written in Finland, English with day-month order. */
export const LOCALE_TAG: Record<Language, string> = { fi: "fi-FI", sv: "sv-FI", en: "en-GB" };

/** Maps a Teams or browser locale ("fi-fi", "sv-SE", "en-us") to a product language, if supported. */
export function languageOf(locale: string | undefined | null): Language | undefined {
  const prefix = locale?.trim().slice(0, 2).toLowerCase();
  return (LANGUAGES as readonly string[]).includes(prefix ?? "") ? (prefix as Language) : undefined;
}

/** The person's own setting, else the locale of the request or activity, else Finnish. */
export function resolveLanguage(preferred: Language | undefined, locale?: string | null): Language {
  return preferred ?? languageOf(locale) ?? "fi";
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
          timeZone: "Europe/Helsinki",
        }
      : { day: "numeric", month: "numeric", year: "numeric", timeZone: "Europe/Helsinki" };
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

/** A field error as one sentence in the person's language. */
export function describeError(error: FieldError, lang: Language): string {
  const t = translator(lang);
  const params: Record<string, string | number> = { ...(error.params ?? {}) };
  // A refused round write names what cannot be done and why ("The round cannot be opened because it
  // is frozen"), not only the state; round-writes.ts decides, this only words it.
  const action = params.action;
  if (error.code === "illegalTransition" && typeof action === "string" && typeof params.state === "string") {
    const key = `roundRefusal.${action}`;
    if (instance.exists(key)) return t(key, { ...params, state: t(`roundStateIs.${params.state}`) });
  }
  if (typeof params.state === "string") params.state = t(`roundState.${params.state}`);
  return t(`validation.${error.code}`, params);
}
