// Every string a person sees, in Finnish, Swedish and English. One file per language and namespace
// under locales/<lang>/<namespace>.json; Finnish is the fallback (the division works in Finnish).
import i18next, { type TFunction } from "i18next";
import { LANGUAGES, type Language } from "../domain/model.js";
import type { FieldError } from "../domain/result.js";
import { languageOf } from "./format.js";
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

export * from "./format.js";

export type Translate = TFunction;

/** A translate function fixed to one language: `t("verdict.onTrack")`, `t("bot:help.title")`. */
export function translator(lang: Language): Translate {
  return instance.getFixedT(lang);
}

/** The person's own setting, else the locale of the request or activity, else Finnish. */
export function resolveLanguage(preferred: Language | undefined, locale?: string | null): Language {
  return preferred ?? languageOf(locale) ?? "fi";
}

/** A field error as one sentence in the person's language. */
export function describeError(error: FieldError, lang: Language): string {
  const t = translator(lang);
  const params: Record<string, string | number> = { ...(error.params ?? {}) };
  if (typeof params.state === "string") params.state = t(`roundState.${params.state}`);
  return t(`validation.${error.code}`, params);
}
