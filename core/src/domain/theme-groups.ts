// Grouping by city-strategy theme, in the order the board reads them: by the theme's `order`, a
// theme the register does not know last; within a theme, the items keep the order they came in
// (goal order, then project order).
import type { Theme } from "./model.js";

/** Enough of a theme to group and order by. */
export type ThemeRef = Pick<Theme, "id" | "order">;

/** Where a theme that is not in the register goes: after every known one. */
export const UNKNOWN_THEME_ORDER = Number.MAX_SAFE_INTEGER;

export interface ThemeGroupOf<T, Th extends ThemeRef> {
  theme: Th;
  items: T[];
}

/** `items` grouped by the theme `themeOf` gives each, groups in theme order; empty themes are left out. */
export function groupByTheme<T, Th extends ThemeRef>(
  items: Iterable<T>,
  themeOf: (item: T) => Th,
): ThemeGroupOf<T, Th>[] {
  const groups = new Map<string, ThemeGroupOf<T, Th>>();
  for (const item of items) {
    const theme = themeOf(item);
    const group = groups.get(theme.id) ?? { theme, items: [] };
    group.items.push(item);
    groups.set(theme.id, group);
  }
  // Array.prototype.sort is stable: equal orders keep the order of first appearance.
  return [...groups.values()].sort((a, b) => a.theme.order - b.theme.order);
}

/** Finds themes by id; an id the register does not know becomes a theme named by its id, ordered last. */
export function themeLookup(themes: readonly Theme[]): (id: string) => Theme {
  const byId = new Map(themes.map((t) => [t.id, t]));
  return (id) => byId.get(id) ?? { id, name: { fi: id }, order: UNKNOWN_THEME_ORDER };
}
