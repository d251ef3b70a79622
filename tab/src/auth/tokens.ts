// Where the tab's API token comes from. In Teams: single sign-on (teams-js getAuthToken gives an
// Entra ID token for the tab's app registration; the server validates it). On a development server:
// the person picked on the sign-in page, with a token from the server's development issuer, kept for
// this browser tab only (sessionStorage). @microsoft/teamsfx, if ever used, stays in this folder.
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

/** Teams single sign-on. Throws when Teams cannot give a token (consent needed, not in Teams). */
export function teamsSsoTokenSource(): TokenSource {
  let cached: { token: string; expiresAt: number } | undefined;
  return {
    async token() {
      if (cached && cached.expiresAt - 60_000 > Date.now()) return cached.token;
      const token = await authentication.getAuthToken();
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
