// A local stand-in for the Teams Bot Connector service (https://smba.trafficmanager.net/...),
// behaving as the documented service does: it accepts the bot's sends, replies, updates and
// conversation creation, answers member lookups, records every call, and can be told to answer
// 429 + Retry-After, 403 with each documented error code, 404 and 5xx, or to enforce Teams' rate
// limits (50 requests/s per tenant; 7/1 s, 8/2 s, 60/30 s, 1,800/h per conversation), or to answer
// slowly after delivering.
// Point an activity's serviceUrl at `connector.url` and botbuilder talks to it as to Teams.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { readBody } from "./http.js";

export interface ConnectorUser {
  /** Teams user id ("29:…"), the member id in a conversation. */
  id: string;
  aadObjectId: string;
  name: string;
  userPrincipalName: string;
  email?: string;
  tenantId?: string;
}

export interface RecordedCall {
  method: string;
  path: string;
  conversationId?: string;
  activityId?: string;
  kind: "send" | "reply" | "update" | "delete" | "createConversation" | "getMember" | "getMembers" | "other";
  body: unknown;
  status: number;
  at: number;
}

export type TeamsErrorCode =
  | "ConversationBlockedByUser"
  | "BotNotInConversationRoster"
  | "BotDisabledByAdmin"
  | "ConversationNotFound"
  | "TooManyRequests"
  | "ServiceError"
  | "BadSyntax"
  | "Unauthorized";

export interface Fault {
  status: number;
  code?: TeamsErrorCode;
  /** Seconds, sent as the Retry-After header. */
  retryAfter?: number;
  /** Only calls of this kind (default: sends, replies, updates and conversation creation). */
  kinds?: RecordedCall["kind"][];
  /** Only this conversation. */
  conversationId?: string;
}

export interface RateLimits {
  /** Requests per second for the whole tenant (Teams: 50). */
  perSecond: number;
  /** Per-conversation windows [count, milliseconds] (Teams: 7/1 s, 8/2 s, 60/30 s, 1,800/h). */
  perConversation: [number, number][];
  /** Retry-After seconds sent with a 429. */
  retryAfterSeconds: number;
}

export const TEAMS_LIMITS: RateLimits = {
  perSecond: 50,
  perConversation: [
    [7, 1000],
    [8, 2000],
    [60, 30_000],
    [1800, 3_600_000],
  ],
  retryAfterSeconds: 1,
};

const SENDING_KINDS: RecordedCall["kind"][] = ["send", "reply", "update", "createConversation"];

export class TeamsConnector {
  readonly calls: RecordedCall[] = [];
  /** Activities per conversation, as the user would see them (updates replace the text/card). */
  readonly conversations = new Map<string, { members: string[]; activities: Map<string, unknown> }>();
  private readonly users = new Map<string, ConnectorUser>();
  private readonly faults: { fault: Fault; remaining: number; probability: number }[] = [];
  private readonly blocked = new Map<string, TeamsErrorCode>();
  private limits: RateLimits | undefined;
  private readonly tenantWindow: number[] = [];
  private readonly conversationWindows = new Map<string, number[]>();
  private server: Server | undefined;
  private random: () => number = Math.random;
  private latencyMs = 0;
  /** Counters for benchmarks: accepted sends, 429s given (limits and injected), other errors, injected faults. */
  readonly stats = { accepted: 0, throttled: 0, failed: 0, injected: 0 };
  url = "";

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: "ServiceError", message: String(error) } }));
      });
    });
    this.server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  /** A Teams user the connector knows (member lookups, 1:1 conversation creation). */
  addUser(user: ConnectorUser): ConnectorUser {
    this.users.set(user.id, user);
    return user;
  }

  /** An existing 1:1 conversation with a user (as after installation). */
  addConversation(conversationId: string, memberIds: string[]): void {
    this.conversations.set(conversationId, { members: memberIds, activities: new Map() });
  }

  /** Answers the next `times` matching calls with this fault. */
  failNext(fault: Fault, times = 1): void {
    this.faults.push({ fault, remaining: times, probability: 1 });
  }

  /** Answers matching calls with this fault with the given probability (seeded by setRandom), forever. */
  failRandomly(fault: Fault, probability: number): void {
    this.faults.push({ fault, remaining: Number.POSITIVE_INFINITY, probability });
  }

  /** A deterministic random source for failRandomly (tests must stay deterministic). */
  setRandom(random: () => number): void {
    this.random = random;
  }

  /** Every call to this conversation answers 403/404 with the code (blocked bot, uninstalled app). */
  block(conversationId: string, code: TeamsErrorCode): void {
    this.blocked.set(conversationId, code);
  }

  unblock(conversationId: string): void {
    this.blocked.delete(conversationId);
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  /**
   * Answers sends, replies, updates and conversation creation only after `ms`, having already
   * recorded and delivered them, as Teams does when it is slow: a bot that dies meanwhile never
   * learns that its message arrived (0 = answer at once).
   */
  respondAfter(ms: number): void {
    this.latencyMs = ms;
  }

  /** Enforce Teams' rate limits (429 + Retry-After beyond them), or stop enforcing with undefined. */
  enforceLimits(limits: RateLimits | undefined = TEAMS_LIMITS): void {
    this.limits = limits;
  }

  /** Messages delivered to a conversation, oldest first, with updates applied. */
  activitiesIn(conversationId: string): unknown[] {
    return [...(this.conversations.get(conversationId)?.activities.values() ?? [])];
  }

  /** Calls of a kind, optionally to one conversation. */
  callsOf(kind: RecordedCall["kind"], conversationId?: string): RecordedCall[] {
    return this.calls.filter(
      (c) => c.kind === kind && (conversationId === undefined || c.conversationId === conversationId),
    );
  }

  /** Resolves when `count` calls of a kind succeeded (or rejects after timeoutMs). */
  async waitFor(kind: RecordedCall["kind"], count: number, timeoutMs = 10_000): Promise<RecordedCall[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const done = this.calls.filter((c) => c.kind === kind && c.status < 300);
      if (done.length >= count) return done;
      if (Date.now() > deadline)
        throw new Error(`waited ${timeoutMs} ms for ${count} ${kind} calls, saw ${done.length}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const path = new URL(req.url ?? "/", "http://x").pathname.replace(/\/+$/, "");
    const method = req.method ?? "GET";
    const parts = path.split("/").filter(Boolean).map(decodeURIComponent); // v3, conversations, id, activities, id
    const call: RecordedCall = { method, path, kind: "other", body, status: 200, at: Date.now() };
    if (parts[0] === "v3" && parts[1] === "conversations") {
      if (parts.length === 2 && method === "POST") call.kind = "createConversation";
      if (parts[2]) call.conversationId = parts[2];
      if (parts[3] === "activities") {
        if (parts[4]) call.activityId = parts[4];
        call.kind =
          method === "PUT" ? "update" : method === "DELETE" ? "delete" : parts[4] ? "reply" : "send";
      }
      if (parts[3] === "members") call.kind = parts[4] ? "getMember" : "getMembers";
    }
    const answer = (status: number, payload: unknown, headers: Record<string, string> = {}): void => {
      call.status = status;
      this.calls.push(call);
      const write = (): void => {
        if (res.destroyed) return; // the bot went away while waiting (killed, or it timed out)
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(payload === undefined ? "" : JSON.stringify(payload));
      };
      if (this.latencyMs > 0 && SENDING_KINDS.includes(call.kind)) setTimeout(write, this.latencyMs);
      else write();
    };
    const error = (
      status: number,
      code: TeamsErrorCode,
      message: string,
      headers: Record<string, string> = {},
    ): void => {
      if (status === 429) this.stats.throttled += 1;
      else this.stats.failed += 1;
      answer(status, { error: { code, message } }, headers);
    };

    // Rate limits first, as the service does: a throttled request is not processed at all.
    if (this.limits && SENDING_KINDS.includes(call.kind)) {
      const now = Date.now();
      const retry = { "Retry-After": String(this.limits.retryAfterSeconds) };
      prune(this.tenantWindow, now, 1000);
      if (this.tenantWindow.length >= this.limits.perSecond)
        return error(429, "TooManyRequests", "Tenant rate limit exceeded", retry);
      if (call.conversationId) {
        const window = this.conversationWindows.get(call.conversationId) ?? [];
        const longest = Math.max(...this.limits.perConversation.map(([, ms]) => ms));
        prune(window, now, longest);
        const over = this.limits.perConversation.some(
          ([count, ms]) => window.filter((t) => t > now - ms).length >= count,
        );
        if (over) return error(429, "TooManyRequests", "Conversation rate limit exceeded", retry);
        window.push(now);
        this.conversationWindows.set(call.conversationId, window);
      }
      this.tenantWindow.push(now);
    }

    for (const entry of this.faults) {
      const kinds = entry.fault.kinds ?? SENDING_KINDS;
      if (entry.remaining <= 0 || !kinds.includes(call.kind)) continue;
      if (entry.fault.conversationId && entry.fault.conversationId !== call.conversationId) continue;
      if (entry.probability < 1 && this.random() >= entry.probability) continue;
      entry.remaining -= 1;
      this.stats.injected += 1;
      const headers: Record<string, string> =
        entry.fault.retryAfter !== undefined ? { "Retry-After": String(entry.fault.retryAfter) } : {};
      return error(
        entry.fault.status,
        entry.fault.code ?? (entry.fault.status === 429 ? "TooManyRequests" : "ServiceError"),
        "injected fault",
        headers,
      );
    }

    if (call.conversationId && this.blocked.has(call.conversationId)) {
      const code = this.blocked.get(call.conversationId)!;
      return error(code === "ConversationNotFound" ? 404 : 403, code, `Conversation refused: ${code}`);
    }

    switch (call.kind) {
      case "createConversation": {
        const params = (body ?? {}) as {
          members?: { id?: string }[];
          tenantId?: string;
          channelData?: { tenant?: { id?: string } };
        };
        const memberId = params.members?.[0]?.id;
        const user = memberId ? this.findUser(memberId) : undefined;
        if (!user) return error(403, "BotNotInConversationRoster", "The bot is not installed for this user");
        const id = `a:1on1-${user.id}`;
        if (this.blocked.has(id)) {
          const code = this.blocked.get(id)!;
          return error(code === "ConversationNotFound" ? 404 : 403, code, `Conversation refused: ${code}`);
        }
        if (!this.conversations.has(id)) this.addConversation(id, [user.id]);
        this.stats.accepted += 1;
        return answer(201, { id, activityId: undefined, serviceUrl: this.url });
      }
      case "send":
      case "reply": {
        const conversation = this.conversations.get(call.conversationId ?? "");
        if (!conversation) return error(404, "ConversationNotFound", "Conversation not found.");
        const id = `act-${randomUUID()}`;
        conversation.activities.set(id, body);
        this.stats.accepted += 1;
        return answer(201, { id });
      }
      case "update": {
        const conversation = this.conversations.get(call.conversationId ?? "");
        if (!conversation) return error(404, "ConversationNotFound", "Conversation not found.");
        if (!conversation.activities.has(call.activityId ?? ""))
          return error(404, "ConversationNotFound", "Activity not found.");
        conversation.activities.set(call.activityId!, body);
        this.stats.accepted += 1;
        return answer(200, { id: call.activityId });
      }
      case "delete": {
        this.conversations.get(call.conversationId ?? "")?.activities.delete(call.activityId ?? "");
        return answer(200, undefined);
      }
      case "getMember": {
        const user = this.findUser(parts[4] ?? "");
        if (!user) return error(404, "ConversationNotFound", "Member not found.");
        return answer(200, memberOf(user));
      }
      case "getMembers": {
        const conversation = this.conversations.get(call.conversationId ?? "");
        const members = (conversation?.members ?? [])
          .map((m) => this.findUser(m))
          .filter((u): u is ConnectorUser => !!u);
        return answer(200, members.map(memberOf));
      }
      default:
        return error(404, "BadSyntax", `Unknown route ${method} ${path}`);
    }
  }

  private findUser(id: string): ConnectorUser | undefined {
    return this.users.get(id) ?? [...this.users.values()].find((u) => u.aadObjectId === id);
  }
}

function memberOf(user: ConnectorUser): Record<string, unknown> {
  return {
    id: user.id,
    name: user.name,
    aadObjectId: user.aadObjectId,
    userPrincipalName: user.userPrincipalName,
    email: user.email ?? user.userPrincipalName,
    tenantId: user.tenantId,
    userRole: "user",
  };
}

function prune(window: number[], now: number, ms: number): void {
  while (window.length > 0 && window[0]! <= now - ms) window.shift();
}

/** Starts a connector; remember to stop() it in an after hook. */
export async function startTeamsConnector(): Promise<TeamsConnector> {
  return new TeamsConnector().start();
}
