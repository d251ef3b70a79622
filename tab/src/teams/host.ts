// The host the tab runs in. Inside Teams, teams-js gives the locale, the theme and theme changes;
// outside Teams (local development, tests, a plain browser) the page works on its own. app.initialize()
// rejects at once on a top-level page but hangs for a minute in a non-Teams iframe, so it races a timer.
import { app, pages } from "@microsoft/teams-js";

export type HostTheme = "default" | "dark" | "contrast";

export interface HostInfo {
  inTeams: boolean;
  /** e.g. "fi-fi", "sv-se", "en-us" */
  locale?: string;
  theme?: HostTheme;
  userPrincipalName?: string;
}

const INITIALIZE_TIMEOUT_MS = 1500;

export function asHostTheme(value: string | undefined | null): HostTheme | undefined {
  return value === "default" || value === "dark" || value === "contrast" ? value : undefined;
}

/** Connects to Teams if the page runs inside it; resolves to a plain-browser host otherwise. */
export async function connectToHost(timeoutMs = INITIALIZE_TIMEOUT_MS): Promise<HostInfo> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const initialized = app.initialize().then(
    () => true,
    () => false,
  );
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const inTeams = await Promise.race([initialized, timedOut]);
  clearTimeout(timer);
  if (!inTeams) return { inTeams: false };
  try {
    const context = await app.getContext();
    const info: HostInfo = { inTeams: true, locale: context.app.locale };
    const theme = asHostTheme(context.app.theme);
    if (theme) info.theme = theme;
    if (context.user?.userPrincipalName) info.userPrincipalName = context.user.userPrincipalName;
    return info;
  } catch {
    return { inTeams: true };
  }
}

/** Follows Teams' theme while the tab is open (the user may switch it at any time). */
export function onHostThemeChange(host: HostInfo, handler: (theme: HostTheme) => void): void {
  if (!host.inTeams) return;
  app.registerOnThemeChangeHandler((theme) => {
    const t = asHostTheme(theme);
    if (t) handler(t);
  });
}

/** Tells Teams the tab has loaded (hides its loading indicator) or failed to. */
export function notifyLoaded(host: HostInfo, failure?: string): void {
  if (!host.inTeams) return;
  if (failure) app.notifyFailure({ reason: app.FailedReason.Other, message: failure });
  else app.notifySuccess();
}

/**
 * The channel tab's configuration page: tells Teams which page the tab shows once added, and that the
 * choice is valid. Outside Teams there is nothing to configure.
 */
export function configureChannelTab(
  host: HostInfo,
  tab: { contentUrl: string; suggestedDisplayName: string },
): void {
  if (!host.inTeams) return;
  pages.config.registerOnSaveHandler((saveEvent) => {
    pages.config
      .setConfig({
        entityId: "goal-forecast",
        contentUrl: tab.contentUrl,
        websiteUrl: tab.contentUrl,
        suggestedDisplayName: tab.suggestedDisplayName,
      })
      .then(
        () => saveEvent.notifySuccess(),
        (error: unknown) => saveEvent.notifyFailure(String(error)),
      );
  });
  pages.config.setValidityState(true);
}
