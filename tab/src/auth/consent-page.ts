// The consent pop-up (auth-consent.html), which Teams opens with authentication.authenticate when
// single sign-on needs the person's consent first. It sends them to Entra ID's consent prompt for the
// tab's app registration and, when Entra ID sends them back here, tells Teams how it went. The code
// Entra ID returns is never redeemed: the consent was the point, and the tab then asks Teams for its
// token again. PKCE and a state bind the answer to this pop-up.
import "../zod-config";
import { app, authentication } from "@microsoft/teams-js";
import { contract } from "@goal-forecast/core/contract";
import fiTab from "@goal-forecast/core/locales/fi/tab.json";
import svTab from "@goal-forecast/core/locales/sv/tab.json";
import enTab from "@goal-forecast/core/locales/en/tab.json";
import { callPublic } from "../api/client";
import { languageOf } from "@goal-forecast/core/i18n/format";
import { CONSENT_PAGE } from "./tokens";

const TEXTS = { fi: fiTab.consent, sv: svTab.consent, en: enTab.consent };
const STATE_KEY = "goalForecast.consentState";

function show(text: string): void {
  const status = document.getElementById("status");
  if (status) status.textContent = text;
}

function base64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

async function main(): Promise<void> {
  await app.initialize();
  const context = await app.getContext().catch(() => undefined);
  const lang = languageOf(context?.app.locale) ?? languageOf(navigator.language) ?? "fi";
  document.documentElement.lang = lang;
  const texts = TEXTS[lang];

  // Back from Entra ID (response_mode=fragment): the answer is in the hash.
  const answer = new URLSearchParams(window.location.hash.slice(1));
  if (answer.has("code") || answer.has("error")) {
    const expected = sessionStorage.getItem(STATE_KEY);
    sessionStorage.removeItem(STATE_KEY);
    if (!expected || answer.get("state") !== expected) return authentication.notifyFailure("stateMismatch");
    if (answer.has("error")) {
      show(texts.refused);
      return authentication.notifyFailure(answer.get("error") ?? "consentRefused");
    }
    show(texts.done);
    return authentication.notifySuccess();
  }

  const config = await callPublic(contract.system.tabConfig, {});
  if (!config.entra) return authentication.notifyFailure("notConfigured");
  const { clientId, tenantId, authorityHost } = config.entra;
  const state = crypto.randomUUID();
  sessionStorage.setItem(STATE_KEY, state);
  const verifier = base64Url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = base64Url(
    new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))),
  );
  const authorize = new URL(`${authorityHost.replace(/\/$/, "")}/${tenantId}/oauth2/v2.0/authorize`);
  const query = {
    client_id: clientId,
    response_type: "code",
    response_mode: "fragment",
    redirect_uri: new URL(CONSENT_PAGE, window.location.origin).href,
    // The tab's own API scope, as Teams asks for it (appPackage webApplicationInfo.resource).
    scope: `openid profile api://${window.location.host}/${clientId}/access_as_user`,
    prompt: "consent",
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
    ...(context?.user?.loginHint ? { login_hint: context.user.loginHint } : {}),
  };
  for (const [key, value] of Object.entries(query)) authorize.searchParams.set(key, value);
  show(texts.redirecting);
  window.location.assign(authorize.href);
}

main().catch((error: unknown) => {
  authentication.notifyFailure(error instanceof Error ? error.message : String(error));
});
