// Development only: a token issuer with its own key pair, so that local runs and tests exercise the
// same token validation and role mapping as production. loadConfig() refuses it in production.
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";
import type { Person } from "@goal-forecast/core/domain/model";
import type { JwtSettings } from "./tokens.js";

export const DEV_ISSUER = "https://goal-forecast.invalid/dev-issuer";
export const DEV_AUDIENCE = "api://localhost/goal-forecast-dev";
export const DEV_TENANT = "00000000-0000-4000-8000-000000000000";

export class DevTokenIssuer {
  private constructor(
    private readonly privateKey: Parameters<SignJWT["sign"]>[0],
    private readonly jwk: JWK,
  ) {}

  static async create(): Promise<DevTokenIssuer> {
    const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid: "dev-1", alg: "RS256", use: "sig" };
    return new DevTokenIssuer(privateKey, jwk);
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.jwk] };
  }

  settings(): JwtSettings {
    return { issuers: [DEV_ISSUER], audiences: [DEV_AUDIENCE], keys: createLocalJWKSet(this.jwks()) };
  }

  /** A token for one of the register's people, valid for an hour. */
  async issue(
    person: Pick<Person, "id" | "upn" | "displayName" | "aadObjectId">,
    lifetimeSeconds = 3600,
  ): Promise<string> {
    return new SignJWT({
      oid: person.aadObjectId ?? `dev-${person.id}`,
      preferred_username: person.upn,
      name: person.displayName,
      tid: DEV_TENANT,
    })
      .setProtectedHeader({ alg: "RS256", kid: "dev-1", typ: "JWT" })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setSubject(person.id)
      .setIssuedAt()
      .setExpirationTime(`${lifetimeSeconds}s`)
      .sign(this.privateKey);
  }
}
