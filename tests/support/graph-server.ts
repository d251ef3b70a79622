// A local stand-in for Microsoft Graph (https://graph.microsoft.com/v1.0), behaving as the documented
// service does for what the app uses (PLATFORM.md): users by UPN or id with $select, $batch (at most
// 20 requests, each answered with its own status), a user's manager, the org app catalog, installing
// the app for a user (201, 409 when installed), the installations with their teamsApp, and the 1:1
// chat of an installation. It can be told to answer 429 + Retry-After (a storm of N requests), or 403
// Authorization_RequestDenied for a permission without admin consent.
// After an install it does what Teams does: the user's 1:1 chat exists in the local Teams connector
// and the bot receives installationUpdate + conversationUpdate (TeamsClient.install), so tests see
// both ways the bot can learn the chat.
// Point GRAPH_ENDPOINT at `graph.url`.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { conversationIdOf, TENANT_ID, type TeamsClient } from "./teams-client.js";
import type { ConnectorUser } from "./teams-connector.js";
import { readBody } from "./http.js";

export interface GraphUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  mail?: string;
  /** BCP 47, as Entra ID keeps it ("fi-FI", "sv-SE", "en-US"). */
  preferredLanguage?: string;
  accountEnabled?: boolean;
  /** The id of the user's manager (another GraphUser). */
  managerId?: string;
}

export const GRAPH_PERMISSIONS = [
  "User.Read.All",
  "AppCatalog.Read.All",
  "TeamsAppInstallation.ReadWriteSelfForUser.All",
] as const;
export type GraphPermission = (typeof GRAPH_PERMISSIONS)[number];

export interface GraphCall {
  method: string;
  /** Path after /v1.0 with its query, e.g. "/users/x@y?$select=id". */
  url: string;
  status: number;
  /** True for the requests inside a $batch. */
  inBatch: boolean;
  at: number;
}

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Installation {
  id: string;
  catalogAppId: string;
}

/** The catalog app the tests publish: its id in the org catalog and the manifest id (externalId). */
export const CATALOG_APP = {
  id: "c0ffee00-0000-4000-8000-00000000c0de",
  externalId: "8d5e6c2a-0000-4000-8000-00000000f00d",
  displayName: "Goal Forecast",
};

export class LocalGraph {
  readonly calls: GraphCall[] = [];
  readonly users = new Map<string, GraphUser>();
  readonly catalog = [{ ...CATALOG_APP, distributionMethod: "organization" }];
  /** Installations per user id. */
  readonly installations = new Map<string, Installation[]>();
  readonly stats = { installs: 0, conflicts: 0, throttled: 0, denied: 0 };
  private readonly denied = new Set<GraphPermission>();
  private storm = { remaining: 0, retryAfterSeconds: 1 };
  private installLatencyMs = 0;
  private teams: TeamsClient | undefined;
  private readonly deliveries = new Set<Promise<void>>();
  private server: Server | undefined;
  url = "";

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: "generalException", message: String(error) } }));
      });
    });
    this.server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    return this;
  }

  async stop(): Promise<void> {
    await Promise.allSettled([...this.deliveries]);
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  addUser(user: Omit<GraphUser, "id"> & { id?: string }): GraphUser {
    const stored: GraphUser = { accountEnabled: true, ...user, id: user.id ?? randomUUID() };
    this.users.set(stored.id, stored);
    return stored;
  }

  /** After each install, deliver what Teams sends the bot, through this client (and its connector). */
  deliverInstallsTo(teams: TeamsClient): void {
    this.teams = teams;
  }

  /** The next `requests` requests (a $batch's inner ones each count) answer 429 with Retry-After. */
  throttleNext(requests: number, retryAfterSeconds = 1): void {
    this.storm = { remaining: requests, retryAfterSeconds };
  }

  /**
   * Answers installs only after `ms`, having already installed (as a slow Graph does): a server that
   * dies meanwhile never learns that its install went through.
   */
  respondAfter(ms: number): void {
    this.installLatencyMs = ms;
  }

  /** The tenant's admin has not consented to this permission: calls needing it answer 403. */
  deny(permission: GraphPermission): void {
    this.denied.add(permission);
  }

  grant(permission: GraphPermission): void {
    this.denied.delete(permission);
  }

  /** The user as a Teams member (the id the connector knows them by). */
  teamsUserOf(user: GraphUser): ConnectorUser {
    return {
      id: `29:${user.id}`,
      aadObjectId: user.id,
      name: user.displayName,
      userPrincipalName: user.userPrincipalName,
      ...(user.mail ? { email: user.mail } : {}),
      tenantId: TENANT_ID,
    };
  }

  /** The 1:1 chat of the bot with the user: the same id the connector gives one it creates. */
  chatIdOf(user: GraphUser): string {
    return conversationIdOf(this.teamsUserOf(user));
  }

  callsTo(pattern: RegExp): GraphCall[] {
    return this.calls.filter((c) => pattern.test(c.url));
  }

  /** Resolves when every install's Teams events have reached the bot. */
  async idle(): Promise<void> {
    while (this.deliveries.size > 0) await Promise.allSettled([...this.deliveries]);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = (req.url ?? "/").replace(/^\/v1\.0/, "");
    const answer = await this.route(req.method ?? "GET", url, body, false);
    if (this.installLatencyMs > 0 && /\/teamwork\/installedApps$/.test(url) && req.method === "POST")
      await new Promise((resolve) => setTimeout(resolve, this.installLatencyMs));
    if (res.destroyed) return; // the caller went away while waiting (killed)
    res.writeHead(answer.status, { "content-type": "application/json", ...(answer.headers ?? {}) });
    res.end(answer.body === undefined ? "" : JSON.stringify(answer.body));
  }

  private async route(method: string, url: string, body: unknown, inBatch: boolean): Promise<Answer> {
    const answer = await this.dispatch(method, url, body);
    this.calls.push({ method, url, status: answer.status, inBatch, at: Date.now() });
    return answer;
  }

  private async dispatch(method: string, url: string, body: unknown): Promise<Answer> {
    const parsed = new URL(url, "http://graph.local");
    const parts = parsed.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    const query = parsed.searchParams;

    if (method === "POST" && parts.length === 1 && parts[0] === "$batch") return this.batch(body);
    if (this.storm.remaining > 0) {
      this.storm.remaining -= 1;
      this.stats.throttled += 1;
      return {
        ...error(429, "TooManyRequests", "Too many requests."),
        headers: { "Retry-After": String(this.storm.retryAfterSeconds) },
      };
    }

    if (parts[0] === "appCatalogs" && parts[1] === "teamsApps" && parts.length === 2 && method === "GET") {
      const refused = this.refuse("AppCatalog.Read.All");
      if (refused) return refused;
      const externalId = /externalId eq '([^']*)'/.exec(query.get("$filter") ?? "")?.[1];
      const value = this.catalog.filter((a) => externalId === undefined || a.externalId === externalId);
      return { status: 200, body: { "@odata.context": "…/$metadata#appCatalogs/teamsApps", value } };
    }

    if (parts[0] !== "users" || !parts[1]) return error(400, "BadRequest", `Unsupported ${method} ${url}`);
    const userKey = parts[1];

    if (parts.length === 2 && method === "GET") {
      const refused = this.refuse("User.Read.All");
      if (refused) return refused;
      const user = this.find(userKey);
      if (!user) return notFound(userKey);
      return { status: 200, body: select(user, query.get("$select")) };
    }
    if (parts.length === 3 && parts[2] === "manager" && method === "GET") {
      const refused = this.refuse("User.Read.All");
      if (refused) return refused;
      const user = this.find(userKey);
      if (!user) return notFound(userKey);
      const manager = user.managerId ? this.users.get(user.managerId) : undefined;
      if (!manager) return notFound("manager");
      return {
        status: 200,
        body: { "@odata.type": "#microsoft.graph.user", ...select(manager, query.get("$select")) },
      };
    }
    if (parts[2] === "teamwork" && parts[3] === "installedApps") {
      const refused = this.refuse("TeamsAppInstallation.ReadWriteSelfForUser.All");
      if (refused) return refused;
      const user = this.find(userKey);
      if (!user) return notFound(userKey);
      const installed = this.installations.get(user.id) ?? [];
      if (parts.length === 4 && method === "POST") return this.install(user, body);
      if (parts.length === 4 && method === "GET") {
        const filter = query.get("$filter") ?? "";
        const byId = /teamsApp\/id eq '([^']*)'/.exec(filter)?.[1];
        const byExternal = /teamsApp\/externalId eq '([^']*)'/.exec(filter)?.[1];
        const value = installed
          .map((i) => ({ installation: i, app: this.catalog.find((a) => a.id === i.catalogAppId)! }))
          .filter(({ app }) => (byId ? app.id === byId : byExternal ? app.externalId === byExternal : true))
          .map(({ installation, app }) => ({
            id: installation.id,
            ...(query.get("$expand")?.includes("teamsApp") ? { teamsApp: app } : {}),
          }));
        return { status: 200, body: { value } };
      }
      const installation = installed.find((i) => i.id === parts[4]);
      if (parts.length === 6 && parts[5] === "chat" && method === "GET") {
        if (!installation) return notFound(parts[4] ?? "");
        return {
          status: 200,
          body: { id: this.chatIdOf(user), chatType: "oneOnOne", tenantId: TENANT_ID },
        };
      }
    }
    return error(400, "BadRequest", `Unsupported ${method} ${url}`);
  }

  private install(user: GraphUser, body: unknown): Answer {
    const bind = String((body as Record<string, unknown> | undefined)?.["teamsApp@odata.bind"] ?? "");
    const catalogAppId = /\/appCatalogs\/teamsApps\/([^/?]+)$/.exec(bind)?.[1];
    if (!catalogAppId) return error(400, "BadRequest", "teamsApp@odata.bind is required");
    if (!this.catalog.some((a) => a.id === catalogAppId)) return notFound(catalogAppId);
    const installed = this.installations.get(user.id) ?? [];
    if (installed.some((i) => i.catalogAppId === catalogAppId)) {
      this.stats.conflicts += 1;
      return error(409, "Conflict", "App is already installed for this user.");
    }
    installed.push({ id: `inst-${randomUUID()}`, catalogAppId });
    this.installations.set(user.id, installed);
    this.stats.installs += 1;
    this.afterInstall(user);
    return { status: 201 };
  }

  /** What Teams does after an install: the chat exists and the bot is told (a moment later). */
  private afterInstall(user: GraphUser): void {
    const teams = this.teams;
    if (!teams) return;
    const member = teams.user({
      key: user.id,
      upn: user.userPrincipalName,
      name: user.displayName,
      aadObjectId: user.id,
      ...(user.mail ? { email: user.mail } : {}),
    });
    const delivery = new Promise<void>((resolve) => setTimeout(resolve, 20))
      .then(() => teams.install(member, user.preferredLanguage ?? "en-US"))
      .catch(() => undefined)
      .finally(() => this.deliveries.delete(delivery));
    this.deliveries.add(delivery);
  }

  private async batch(body: unknown): Promise<Answer> {
    const requests = (body as { requests?: unknown } | undefined)?.requests;
    if (!Array.isArray(requests)) return error(400, "BadRequest", "requests is required");
    if (requests.length > 20)
      return error(400, "BadRequest", "The number of batch requests exceeds the limit of 20.");
    const responses = [];
    for (const request of requests as { id?: string; method?: string; url?: string; body?: unknown }[]) {
      const inner = await this.route(
        request.method ?? "GET",
        `/${(request.url ?? "").replace(/^\//, "")}`,
        request.body,
        true,
      );
      responses.push({
        id: request.id,
        status: inner.status,
        headers: { "content-type": "application/json", ...(inner.headers ?? {}) },
        ...(inner.body !== undefined ? { body: inner.body } : {}),
      });
    }
    return { status: 200, body: { responses } };
  }

  private find(key: string): GraphUser | undefined {
    const lower = key.toLowerCase();
    return (
      this.users.get(key) ??
      [...this.users.values()].find(
        (u) =>
          u.id === lower || u.userPrincipalName.toLowerCase() === lower || u.mail?.toLowerCase() === lower,
      )
    );
  }

  private refuse(permission: GraphPermission): Answer | undefined {
    if (!this.denied.has(permission)) return undefined;
    this.stats.denied += 1;
    return error(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
  }
}

function select(user: GraphUser, fields: string | null): Record<string, unknown> {
  const all: Record<string, unknown> = {
    id: user.id,
    displayName: user.displayName,
    userPrincipalName: user.userPrincipalName,
    mail: user.mail ?? null,
    preferredLanguage: user.preferredLanguage ?? null,
    accountEnabled: user.accountEnabled ?? true,
  };
  if (!fields) return all;
  const wanted = fields.split(",").map((f) => f.trim());
  return Object.fromEntries(Object.entries(all).filter(([k]) => wanted.includes(k)));
}

function error(status: number, code: string, message: string): Answer {
  return {
    status,
    body: {
      error: {
        code,
        message,
        innerError: { date: new Date().toISOString(), "request-id": randomUUID() },
      },
    },
  };
}

function notFound(what: string): Answer {
  return error(
    404,
    "Request_ResourceNotFound",
    `Resource '${what}' does not exist or one of its queried reference-property objects are not present.`,
  );
}

/** Starts a local Graph; remember to stop() it in an after hook. */
export async function startLocalGraph(): Promise<LocalGraph> {
  return new LocalGraph().start();
}
