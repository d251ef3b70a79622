// Teams' three themes as Fluent UI themes. Inside Teams the host decides; in a plain browser the
// ?theme= parameter, the person's choice for this tab session or the system's colour scheme.
import {
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  type Theme as FluentTheme,
} from "@fluentui/react-components";
import { asHostTheme, type HostTheme } from "../teams/host";

export const THEMES: readonly HostTheme[] = ["default", "dark", "contrast"];

export function fluentTheme(theme: HostTheme): FluentTheme {
  switch (theme) {
    case "dark":
      return teamsDarkTheme;
    case "contrast":
      return teamsHighContrastTheme;
    default:
      return teamsLightTheme;
  }
}

const STORAGE_KEY = "goalForecast.theme";

export function storedTheme(): HostTheme | undefined {
  return asHostTheme(sessionStorage.getItem(STORAGE_KEY));
}

export function storeTheme(theme: HostTheme): void {
  sessionStorage.setItem(STORAGE_KEY, theme);
}

/** The theme of a plain-browser session. */
export function browserTheme(search: string): HostTheme {
  const fromQuery = asHostTheme(new URLSearchParams(search).get("theme"));
  if (fromQuery) return fromQuery;
  const stored = storedTheme();
  if (stored) return stored;
  if (window.matchMedia?.("(forced-colors: active)").matches) return "contrast";
  if (window.matchMedia?.("(prefers-color-scheme: dark)").matches) return "dark";
  return "default";
}
