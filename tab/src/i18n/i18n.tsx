// The tab's strings (namespace "tab", plus the shared words in "common") in Finnish, Swedish and
// English, from the same locale files the server uses. Language: the person's choice in this tab
// session, else the Teams locale, else their own setting, else the browser's, else Finnish.
import i18next, { type TFunction } from "i18next";
import { createContext, useContext, useMemo, type ReactNode } from "react";
import { localize } from "@goal-forecast/core/domain/localized";
import type { Language, LocalizedText } from "@goal-forecast/core/domain/model";
import { formatDate, formatNumber, formatPercent, languageOf } from "@goal-forecast/core/i18n/format";
import fiTab from "@goal-forecast/core/locales/fi/tab.json";
import svTab from "@goal-forecast/core/locales/sv/tab.json";
import enTab from "@goal-forecast/core/locales/en/tab.json";
import fiCommon from "@goal-forecast/core/locales/fi/common.json";
import svCommon from "@goal-forecast/core/locales/sv/common.json";
import enCommon from "@goal-forecast/core/locales/en/common.json";

const instance = i18next.createInstance();
void instance.init({
  resources: {
    fi: { tab: fiTab, common: fiCommon },
    sv: { tab: svTab, common: svCommon },
    en: { tab: enTab, common: enCommon },
  },
  lng: "fi",
  fallbackLng: "fi",
  ns: ["tab", "common"],
  defaultNS: "tab",
  fallbackNS: "common",
  initAsync: false,
  interpolation: { escapeValue: false }, // React escapes what it renders
  returnNull: false,
});

const STORAGE_KEY = "goalForecast.language";

export function storedLanguage(): Language | undefined {
  return languageOf(sessionStorage.getItem(STORAGE_KEY));
}

export function storeLanguage(lang: Language): void {
  sessionStorage.setItem(STORAGE_KEY, lang);
}

export interface Formatters {
  lang: Language;
  t: TFunction;
  date(iso: string | undefined): string;
  dateTime(iso: string | undefined): string;
  number(value: number): string;
  /** 0–100 → "45 %" as the language writes it. */
  percent(value: number): string;
  /** 0–1 → "45 %". */
  ratio(value: number): string;
  text(value: LocalizedText | undefined): string;
}

export function formatters(lang: Language): Formatters {
  return {
    lang,
    t: instance.getFixedT(lang),
    date: (iso) => (iso ? formatDate(iso, lang) : "–"),
    dateTime: (iso) => (iso ? formatDate(iso, lang, true) : "–"),
    number: (value) => formatNumber(value, lang),
    percent: (value) => formatPercent(value, lang),
    ratio: (value) => formatPercent(value * 100, lang),
    text: (value) => (value ? localize(value, lang) : ""),
  };
}

const I18nContext = createContext<Formatters>(formatters("fi"));

export function I18nProvider({ lang, children }: { lang: Language; children: ReactNode }) {
  const value = useMemo(() => formatters(lang), [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language's translate function and formatters. */
export function useI18n(): Formatters {
  return useContext(I18nContext);
}
