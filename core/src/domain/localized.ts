import type { Language, LocalizedText } from "./model.js";

/** Picks the text in `lang`, falling back to Finnish, the language every text has. */
export function localize(text: LocalizedText, lang: Language): string {
  const value = text[lang];
  return value !== undefined && value.trim() !== "" ? value : text.fi;
}
