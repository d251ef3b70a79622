// Content-Security-Policy for the tab and the API. The tab runs in an iframe of Teams (and of the
// other Microsoft 365 hosts), so frame-ancestors names those hosts as Microsoft's tab requirements
// list them; everything else the page loads comes from this server. teams-js fetches its list of
// valid host origins from Microsoft's CDN. API answers are data, never pages: they allow nothing.
import { randomBytes } from "node:crypto";
import type { Next, Request, Response, Server } from "restify";

/** Hosts allowed to frame the tab (Teams, Microsoft 365 app, Outlook; *.cloud.microsoft is the new home of all). */
export const TEAMS_FRAME_ANCESTORS = [
  "https://teams.microsoft.com",
  "https://*.teams.microsoft.com",
  "https://*.cloud.microsoft",
  "https://*.microsoft365.com",
  "https://*.office.com",
  "https://outlook.office.com",
  "https://outlook.office365.com",
  "https://outlook-sdf.office.com",
  "https://outlook-sdf.office365.com",
] as const;

/** Where teams-js reads the list of valid host origins. */
const TEAMS_JS_CDN = "https://res.cdn.office.net";

/** The tab's policy; with a nonce, the page's own style elements (Fluent UI's run-time CSS) may apply. */
export function tabContentSecurityPolicy(nonce?: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    nonce ? `style-src 'self' 'nonce-${nonce}'` : "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${TEAMS_JS_CDN}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors 'self' ${TEAMS_FRAME_ANCESTORS.join(" ")}`,
  ].join("; ");
}

export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Adds the policy to every answer: the tab's for pages and assets, the strict one for /api. */
export function contentSecurity(server: Server): void {
  const tab = tabContentSecurityPolicy();
  server.use((req: Request, res: Response, next: Next) => {
    res.header("Content-Security-Policy", req.path().startsWith("/api/") ? API_CONTENT_SECURITY_POLICY : tab);
    return next();
  });
}

/**
 * The tab's page with a fresh nonce for its style elements: Fluent UI inserts its CSS at run time, and
 * with the nonce it may, while an injected <style> may not. The nonce travels in a meta tag that the
 * page's own script reads; the page is never cached, so each load gets its own.
 */
export function tabPageWithNonce(html: string): { html: string; policy: string } {
  const nonce = randomBytes(18).toString("base64");
  const withMeta = html.replace(/<head>/i, `<head>\n    <meta name="csp-nonce" content="${nonce}" />`);
  return { html: withMeta, policy: tabContentSecurityPolicy(nonce) };
}
