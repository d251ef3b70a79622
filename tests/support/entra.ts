// A local stand-in for Entra ID: a key pair, its JWKS over HTTP, and tokens as Entra issues them for
// the tab's single sign-on. A server configured with ENTRA's values (entraServerEnv) validates them
// exactly as in production: issuer, audience, signature from the key set it fetches, expiry.
import { createServer, type Server } from "node:http";
import { exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";
import type { Person } from "@goal-forecast/core/domain/model";

const TENANT = "11111111-2222-4333-8444-555555555555";
const CLIENT_ID = "99999999-8888-4777-8666-555555555555";
export const ENTRA = {
  TENANT,
  CLIENT_ID,
  ISSUER: `https://login.example.invalid/${TENANT}/v2.0`,
  AUDIENCE: `api://tab.example.invalid/${CLIENT_ID}`,
} as const;

/** The server's settings for tokens from this stand-in (no development sign-in). */
export function entraServerEnv(idp: LocalIdentityProvider): Record<string, string> {
  return {
    DEV_AUTH: "false",
    AAD_APP_TENANT_ID: ENTRA.TENANT,
    AAD_APP_CLIENT_ID: ENTRA.CLIENT_ID,
    API_AUDIENCE: ENTRA.AUDIENCE,
    AUTH_ISSUER: ENTRA.ISSUER,
    AUTH_JWKS_URL: idp.jwksUrl,
  };
}

type SignKey = Parameters<SignJWT["sign"]>[0];

export class LocalIdentityProvider {
  private server: Server | undefined;
  jwksUrl = "";
  private constructor(
    private readonly key: SignKey,
    private readonly jwk: JWK,
  ) {}

  static async create(): Promise<LocalIdentityProvider> {
    const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
    return new LocalIdentityProvider(privateKey, {
      ...(await exportJWK(publicKey)),
      kid: "k1",
      alg: "RS256",
      use: "sig",
    });
  }

  async start(): Promise<void> {
    this.server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ keys: [this.jwk] }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const address = this.server.address();
    this.jwksUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/keys`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  async token(
    person: Pick<Person, "id" | "upn" | "displayName">,
    options: { key?: SignKey; audience?: string; issuer?: string; expiresIn?: number } = {},
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const expiresIn = options.expiresIn ?? 3600;
    return new SignJWT({
      oid: `oid-${person.id}`,
      preferred_username: person.upn,
      name: person.displayName,
      tid: ENTRA.TENANT,
    })
      .setProtectedHeader({ alg: "RS256", kid: "k1", typ: "JWT" })
      .setIssuer(options.issuer ?? ENTRA.ISSUER)
      .setAudience(options.audience ?? ENTRA.AUDIENCE)
      .setSubject(person.id)
      .setIssuedAt(expiresIn < 0 ? now + expiresIn - 600 : now)
      .setExpirationTime(now + expiresIn)
      .sign(options.key ?? this.key);
  }
}
