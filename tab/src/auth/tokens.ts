// Where the tab's API token comes from. In Teams: single sign-on (teams-js getAuthToken gives an
// Entra ID token for the tab's app registration; the server validates it). On a development server:
// the person picked on the sign-in page, with a token from the server's development issuer, kept for
// this browser tab only (sessionStorage). When Teams cannot give a token before the person consents,
// the tab offers the consent pop-up (auth-consent.html, opened with authentication.authenticate).
import { authentication } from "@microsoft/teams-js";
import { contract } from "@goal-forecast/core/contract";
import { callPublic } from "../api/client";

export type AuthMode = "development" | "entra";

export interface TokenSource {
  /** A token to send as Bearer, or undefined when nobody is signed in. */
  token(): Promise<string | undefined>;
  /** Forget the token (it was refused or the person signs out). */
  forget(): void;
}

interface StoredDevToken {
  token: string;
  personId: string;
  expiresAt: number;
}

const DEV_TOKEN_KEY = "goalForecast.devToken";

export function devSession(): StoredDevToken | undefined {
  try {
    const raw = sessionStorage.getItem(DEV_TOKEN_KEY);
    if (!raw) return undefined;
    const stored = JSON.parse(raw) as StoredDevToken;
    // A minute's margin, so a request never leaves with a token about to expire.
    return stored.expiresAt - 60_000 > Date.now() ? stored : undefined;
  } catch {
    return undefined;
  }
}

/** Signs in as one of the demo people (development servers only). */
export async function devSignIn(personId: string): Promise<void> {
  const body = await callPublic(contract.development.token, { body: { personId } });
  const stored: StoredDevToken = {
    token: body.token,
    personId,
    expiresAt: Date.now() + body.expiresIn * 1000,
  };
  sessionStorage.setItem(DEV_TOKEN_KEY, JSON.stringify(stored));
}

export function devTokenSource(): TokenSource {
  return {
    token: async () => devSession()?.token,
    forget: () => sessionStorage.removeItem(DEV_TOKEN_KEY),
  };
}

/** Teams cannot give a token until the person (or an admin) consents to the tab's app. */
export class ConsentRequiredError extends Error {
  override readonly name = "ConsentRequiredError";
}

/**
 * The reasons Teams gives for "ask the person first" (teams-js rejects with the reason as the message):
 * resourceRequiresConsent, or MSAL's UiRequiredError family (interaction_required, consent_required,
 * invalid_grant after a revoked consent).
 */
const NEEDS_CONSENT =
  /resourceRequiresConsent|UiRequired|interaction_required|consent_required|invalid_grant/i;

function needsConsent(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return NEEDS_CONSENT.test(text);
}

/** Where the consent pop-up starts (and where Entra ID sends the person back). */
export const CONSENT_PAGE = "/auth-consent.html";

/**
 * Opens the consent pop-up in Teams; resolves once the person has consented (the next getAuthToken
 * then succeeds), rejects when they closed it or Entra ID refused.
 */
export async function grantConsent(): Promise<void> {
  await authentication.authenticate({
    url: new URL(CONSENT_PAGE, window.location.origin).href,
    width: 600,
    height: 535,
  });
}

/** Teams single sign-on. Throws ConsentRequiredError when consent comes first, else Teams' error. */
export function teamsSsoTokenSource(): TokenSource {
  let cached: { token: string; expiresAt: number } | undefined;
  return {
    async token() {
      if (cached && cached.expiresAt - 60_000 > Date.now()) return cached.token;
      let token: string;
      try {
        token = await authentication.getAuthToken();
      } catch (error) {
        if (needsConsent(error))
          throw new ConsentRequiredError(error instanceof Error ? error.message : String(error));
        throw error;
      }
      cached = { token, expiresAt: expiryOf(token) };
      return token;
    },
    forget() {
      cached = undefined;
    },
  };
}

/** The exp claim of a JWT in milliseconds (only to know when to ask again; the server validates). */
function expiryOf(token: string): number {
  try {
    const payload = JSON.parse(atob((token.split(".")[1] ?? "").replace(/-/g, "+").replace(/_/g, "/"))) as {
      exp?: number;
    };
    return typeof payload.exp === "number" ? payload.exp * 1000 : Date.now() + 5 * 60_000;
  } catch {
    return Date.now() + 5 * 60_000;
  }
}
