// A local stand-in for the Bot Framework token service's public side: a key pair made at test time,
// its OpenID metadata and JWKS served over https (self-signed certificate made with the openssl CLI),
// and channel tokens as the Bot Connector signs them for Teams. Production requires an https metadata
// URL, so the test uses one; the test process trusts the certificate for botbuilder's metadata fetch
// (node-fetch on https.globalAgent) while the stand-in runs, and stops trusting it afterwards.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import https from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";

type SignKey = Parameters<SignJWT["sign"]>[0];

/** The issuer of tokens the Bot Connector sends to bots (public cloud). */
export const BOT_FRAMEWORK_ISSUER = "https://api.botframework.com";
const KID = "local-bf-key";

export interface ChannelTokenOptions {
  audience: string;
  serviceUrl: string;
  issuer?: string;
  /** Seconds until expiry; negative for a token that expired that long ago. */
  expiresIn?: number;
  /** Another key than the published one (a forged token). */
  key?: SignKey;
  kid?: string;
}

export class LocalBotFramework {
  /** OpenID metadata URL to configure as BOT_OPENID_METADATA_URL. */
  metadataUrl = "";
  private server: https.Server | undefined;
  private previousCa: https.AgentOptions["ca"];

  private constructor(
    private readonly key: SignKey,
    private readonly jwk: JWK,
    private readonly cert: { cert: string; key: string },
  ) {}

  static async create(channels: string[] = ["msteams"]): Promise<LocalBotFramework> {
    const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
    // botbuilder checks that the signing key is endorsed for the activity's channel.
    const jwk = { ...(await exportJWK(publicKey)), kid: KID, use: "sig", endorsements: channels } as JWK;
    return new LocalBotFramework(privateKey, jwk, selfSignedCertificate());
  }

  /** A key nobody published: tokens signed with it are forgeries. */
  static async otherKey(): Promise<SignKey> {
    return (await generateKeyPair("RS256")).privateKey;
  }

  async start(): Promise<void> {
    this.server = https.createServer(this.cert, (req, res) => {
      const base = this.metadataUrl.replace(/\/[^/]*$/, "");
      const body =
        req.url === "/openidconfiguration"
          ? {
              issuer: BOT_FRAMEWORK_ISSUER,
              jwks_uri: `${base}/keys`,
              id_token_signing_alg_values_supported: ["RS256"],
              token_endpoint_auth_methods_supported: ["private_key_jwt"],
            }
          : req.url === "/keys"
            ? { keys: [this.jwk] }
            : undefined;
      res.writeHead(body ? 200 : 404, { "content-type": "application/json" });
      res.end(JSON.stringify(body ?? {}));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const address = this.server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    this.metadataUrl = `https://127.0.0.1:${port}/openidconfiguration`;
    this.previousCa = https.globalAgent.options.ca;
    https.globalAgent.options.ca = this.cert.cert;
  }

  async stop(): Promise<void> {
    https.globalAgent.options.ca = this.previousCa;
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A channel token as the Bot Connector sends with each activity (Authorization: Bearer …). */
  async channelToken(options: ChannelTokenOptions): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const expiresIn = options.expiresIn ?? 3600;
    return new SignJWT({ serviceurl: options.serviceUrl })
      .setProtectedHeader({ alg: "RS256", kid: options.kid ?? KID, typ: "JWT" })
      .setIssuer(options.issuer ?? BOT_FRAMEWORK_ISSUER)
      .setAudience(options.audience)
      .setIssuedAt(expiresIn < 0 ? now + expiresIn - 3600 : now)
      .setNotBefore(expiresIn < 0 ? now + expiresIn - 3600 : now - 60)
      .setExpirationTime(now + expiresIn)
      .sign(options.key ?? this.key);
  }
}

function selfSignedCertificate(): { cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), "gf-bf-cert-"));
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    return {
      cert: readFileSync(join(dir, "cert.pem"), "utf8"),
      key: readFileSync(join(dir, "key.pem"), "utf8"),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
