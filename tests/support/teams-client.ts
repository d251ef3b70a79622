// Plays the Teams client and channel against the real server: posts Bot Framework activities to
// POST /api/messages as Teams does (serviceUrl pointing at the local connector), and reads what the
// bot answered: invoke responses from the HTTP answer, messages from the connector's record.
import { randomUUID } from "node:crypto";
import type { ConnectorUser, TeamsConnector } from "./teams-connector.js";

export const TENANT_ID = "00000000-0000-4000-8000-0000000000aa";
export const BOT = { id: "28:goal-forecast-test", name: "Goal Forecast" };

export interface CardJson {
  type: "AdaptiveCard";
  body: unknown[];
  actions?: { type: string; title?: string; verb?: string; data?: Record<string, unknown> }[];
  refresh?: { action: { verb: string; data: Record<string, unknown> }; userIds?: string[] };
  [key: string]: unknown;
}

export interface InvokeAnswer {
  status: number;
  body: { statusCode?: number; type?: string; value?: unknown } | undefined;
  card?: CardJson;
}

export class TeamsClient {
  constructor(
    private readonly botUrl: string,
    private readonly connector: TeamsConnector,
  ) {}

  /** A Teams user known to the connector, with an existing 1:1 chat with the bot. */
  user(options: {
    key: string;
    upn: string;
    name: string;
    aadObjectId?: string;
    email?: string;
  }): ConnectorUser {
    const user = this.connector.addUser({
      id: `29:${options.key}`,
      aadObjectId: options.aadObjectId ?? randomUUID(),
      name: options.name,
      userPrincipalName: options.upn,
      ...(options.email ? { email: options.email } : {}),
      tenantId: TENANT_ID,
    });
    this.connector.addConversation(conversationIdOf(user), [user.id]);
    return user;
  }

  activity(user: ConnectorUser, extra: Record<string, unknown>): Record<string, unknown> {
    return {
      id: `in-${randomUUID()}`,
      channelId: "msteams",
      serviceUrl: this.connector.url,
      timestamp: new Date().toISOString(),
      locale: "fi-FI",
      from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
      recipient: BOT,
      conversation: { id: conversationIdOf(user), conversationType: "personal", tenantId: TENANT_ID },
      channelData: { tenant: { id: TENANT_ID } },
      ...extra,
    };
  }

  async post(
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; text: string; json: unknown }> {
    const res = await fetch(`${this.botUrl}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json };
  }

  /** The app is installed for the user (Teams sends conversationUpdate with the bot added, and installationUpdate). */
  async install(user: ConnectorUser, locale = "fi-FI"): Promise<void> {
    const a = await this.post(this.activity(user, { type: "installationUpdate", action: "add", locale }));
    const b = await this.post(
      this.activity(user, { type: "conversationUpdate", membersAdded: [BOT, { id: user.id }], locale }),
    );
    if (a.status >= 300 || b.status >= 300) throw new Error(`install answered ${a.status}/${b.status}`);
  }

  async uninstall(user: ConnectorUser): Promise<number> {
    return (await this.post(this.activity(user, { type: "installationUpdate", action: "remove" }))).status;
  }

  /** The user types a message; resolves with the bot's messages sent in reply to it. */
  async say(
    user: ConnectorUser,
    text: string,
    locale = "fi-FI",
  ): Promise<{ status: number; replies: Record<string, unknown>[] }> {
    const activity = this.activity(user, { type: "message", text, locale });
    const before = this.connector.calls.length;
    const res = await this.post(activity);
    const replies = this.connector.calls
      .slice(before)
      .filter(
        (c) =>
          (c.kind === "reply" || c.kind === "send") &&
          c.conversationId === conversationIdOf(user) &&
          c.status < 300,
      )
      .map((c) => c.body as Record<string, unknown>);
    return { status: res.status, replies };
  }

  /** The user presses an Action.Execute button; `inputs` are the values Teams merges into the data. */
  async press(
    user: ConnectorUser,
    action: { verb?: unknown; data?: unknown; type?: string },
    inputs: Record<string, unknown> = {},
    locale = "fi-FI",
  ): Promise<InvokeAnswer> {
    const data =
      action.data && typeof action.data === "object"
        ? { ...(action.data as Record<string, unknown>), ...inputs }
        : action.data;
    return this.invoke(
      user,
      { action: { type: action.type ?? "Action.Execute", verb: action.verb, data }, trigger: "manual" },
      locale,
    );
  }

  async invoke(user: ConnectorUser, value: unknown, locale = "fi-FI"): Promise<InvokeAnswer> {
    const res = await this.post(
      this.activity(user, { type: "invoke", name: "adaptiveCard/action", value, locale }),
    );
    const body = res.json as InvokeAnswer["body"];
    const answer: InvokeAnswer = { status: res.status, body };
    if (body?.type === "application/vnd.microsoft.card.adaptive") answer.card = body.value as CardJson;
    return answer;
  }
}

export function conversationIdOf(user: ConnectorUser): string {
  // The same id the connector gives a 1:1 chat it creates, so a recreated chat is the same chat.
  return `a:1on1-${user.id}`;
}

/** The card attached to a message activity, if any. */
export function cardOf(activity: unknown): CardJson | undefined {
  const attachments =
    (activity as { attachments?: { contentType?: string; content?: unknown }[] })?.attachments ?? [];
  const card = attachments.find((a) => a.contentType === "application/vnd.microsoft.card.adaptive");
  return card?.content as CardJson | undefined;
}

/** Every element of a card, depth first (body, containers, columns, action sets' actions). */
export function walk(card: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== "object") return;
    const n = node as Record<string, unknown>;
    if (typeof n.type === "string") out.push(n);
    for (const key of ["body", "items", "columns", "actions"]) if (key in n) visit(n[key]);
  };
  visit(card);
  return out;
}

/** All Action.Execute buttons of a card (in the body's action sets and the card's actions). */
export function buttons(
  card: CardJson | undefined,
): { title?: string; verb?: string; data?: Record<string, unknown>; type: string }[] {
  return walk(card).filter((e) => e.type === "Action.Execute") as never;
}

export function button(card: CardJson | undefined, verb: string, titleIncludes?: string) {
  const found = buttons(card).find(
    (b) => b.verb === verb && (titleIncludes === undefined || (b.title ?? "").includes(titleIncludes)),
  );
  if (!found) {
    throw new Error(
      `no ${verb} button${titleIncludes ? ` "${titleIncludes}"` : ""} on the card: ${buttons(card)
        .map((b) => `${b.verb}:${b.title}`)
        .join(", ")}`,
    );
  }
  return found;
}

/** Every text shown on a card, joined: for asserting what a person reads. */
export function textOf(card: unknown): string {
  return walk(card)
    .flatMap((e) => {
      if (e.type === "TextBlock") return [String(e.text)];
      if (e.type === "FactSet")
        return (e.facts as { title: string; value: string }[]).map((f) => `${f.title}: ${f.value}`);
      if (typeof e.label === "string") return [e.label];
      if (e.type === "Action.Execute" && e.title) return [String(e.title)];
      return [];
    })
    .join("\n");
}

/** The inputs of a card by id, with the value each shows. */
export function inputsOf(card: unknown): Map<string, Record<string, unknown>> {
  return new Map(
    walk(card)
      .filter((e) => typeof e.type === "string" && (e.type as string).startsWith("Input."))
      .map((e) => [String(e.id), e]),
  );
}

/** The values a card's inputs show, as Teams merges them into the action's data when a button is pressed. */
export function inputsShownOn(card: CardJson | undefined): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [id, input] of inputsOf(card)) if (input.value !== undefined) values[id] = String(input.value);
  return values;
}
