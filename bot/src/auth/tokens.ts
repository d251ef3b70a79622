// Validates the tab's Entra ID tokens: signature from the tenant's JWKS, issuer, audience, expiry.
// The same code validates the development issuer's tokens; only the key set and issuer differ.
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import type { VerifiedClaims } from "./principal.js";

export class AuthenticationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AuthenticationError";
  }
}

export interface TokenVerifier {
  verify(token: string): Promise<VerifiedClaims>;
}

export interface JwtSettings {
  issuers: string[];
  audiences: string[];
  keys: JWTVerifyGetKey;
  /** Allowed clock skew in seconds. */
  clockTolerance?: number;
}

export class JwtTokenVerifier implements TokenVerifier {
  constructor(private readonly settings: JwtSettings) {}

  async verify(token: string): Promise<VerifiedClaims> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.settings.keys, {
        issuer: this.settings.issuers,
        audience: this.settings.audiences,
        algorithms: ["RS256"],
        clockTolerance: this.settings.clockTolerance ?? 60,
        requiredClaims: ["exp", "iat"],
      }));
    } catch (error) {
      // jose's messages name the failed check (expired, audience, signature) without echoing the token.
      throw new AuthenticationError(error instanceof Error ? error.message : "invalid token");
    }
    const oid = str(payload.oid) ?? str(payload.sub);
    const upn = str(payload.preferred_username) ?? str(payload.upn) ?? str(payload.email);
    if (!oid || !upn) throw new AuthenticationError("token lacks oid or preferred_username");
    const claims: VerifiedClaims = {
      oid,
      upn: upn.toLowerCase(),
      name: str(payload.name) ?? upn,
      groups: Array.isArray(payload.groups)
        ? payload.groups.filter((g): g is string => typeof g === "string")
        : [],
    };
    const tid = str(payload.tid);
    if (tid) claims.tid = tid;
    return claims;
  }
}

/** Entra ID v2 issuer and key set of one tenant. */
export function entraSettings(options: {
  tenantId: string;
  authorityHost: string;
  audiences: string[];
  issuer?: string;
  jwksUrl?: string;
}): JwtSettings {
  const host = options.authorityHost.replace(/\/$/, "");
  return {
    issuers: options.issuer
      ? [options.issuer]
      : [`${host}/${options.tenantId}/v2.0`, `https://sts.windows.net/${options.tenantId}/`],
    audiences: options.audiences,
    keys: createRemoteJWKSet(new URL(options.jwksUrl ?? `${host}/${options.tenantId}/discovery/v2.0/keys`)),
  };
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
