// The themes table (theme_id, name_fi, name_sv, name_en, order) → themes; a name column missing
// from the table keeps the stored name in that language.
import { LIMITS } from "@goal-forecast/core/domain/limits";
import type { Register, Theme } from "@goal-forecast/core/domain/model";
import { RowReader } from "../cells.js";
import type { RowPlace } from "../locate.js";
import type { ImportIssue, Table } from "../types.js";

export const THEME_COLUMNS: Record<string, string> = {
  id: "theme_id",
  fi: "name_fi",
  sv: "name_sv",
  en: "name_en",
  order: "order",
};

export function mapThemes(
  table: Table | undefined,
  stored: Register,
  issues: ImportIssue[],
  places: Map<string, RowPlace>,
): Theme[] {
  if (!table) return [];
  const out: Theme[] = [];
  table.rows.forEach((row, index) => {
    const r = new RowReader(table, row, issues);
    const id = r.id("theme_id", true);
    const fi = r.text("name_fi", LIMITS.title, true);
    const sv = r.text("name_sv", LIMITS.title);
    const en = r.text("name_en", LIMITS.title);
    const previous = stored.themes.find((t) => t.id === id);
    const order = r.integer("order", -1_000_000, 1_000_000) ?? previous?.order ?? index + 1;
    if (id === undefined || fi === undefined) return;
    if (places.has(id)) {
      r.problem("theme_id", "duplicateTheme", { id });
      return;
    }
    places.set(id, { table: table.source, row: row.row });
    const theme: Theme = { id, name: { fi }, order };
    const keep = (lang: "sv" | "en", value: string | undefined): void => {
      const v = r.has(`name_${lang}`) ? value : previous?.name[lang];
      if (v !== undefined) theme.name[lang] = v;
    };
    keep("sv", sv);
    keep("en", en);
    out.push(theme);
  });
  return out;
}
