// Knowing the people and reaching them: install, first message and uninstall over HTTP through the
// real server, and the proactive sender's typed outcomes against the local Teams connector.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { ConnectorUser } from "../../support/teams-connector.js";
import { startTestApp, type TestApp } from "../../support/app.js";
import { goals, people, report, round, themes } from "../../support/fixtures.js";
import {
  startTeamsConnector,
  type RecordedCall,
  type TeamsConnector,
  type TeamsErrorCode,
} from "../../support/teams-connector.js";
import { TeamsClient, TENANT_ID, cardOf, conversationIdOf, textOf } from "../../support/teams-client.js";

/** A message post: botbuilder posts proactive messages as replies to the continuation activity. */
const isPost = (c: RecordedCall): boolean => c.kind === "send" || c.kind === "reply";

describe("bot: knowing people and reaching them", function () {
  let app: TestApp;
  let connector: TeamsConnector;
  let teams: TeamsClient;
  let owner: ConnectorUser;
  let prep: ConnectorUser;

  before(async () => {
    connector = await startTeamsConnector();
    app = await startTestApp({
      SEED_DEMO_DATA: "false",
      BOT_TENANT_ID: TENANT_ID,
      TEAMS_SERVICE_URL: connector.url,
      TEAMS_REQUEST_TIMEOUT_MS: "2000",
      ADMIN_UPNS: "prep@example.org",
    });
    await app.stores.register.saveRegister({ themes, people, goals });
    await app.stores.rounds.create(round());
    teams = new TeamsClient(app.url, connector);
    owner = teams.user({ key: "owner", upn: "OWNER@example.org", name: "Olga Owner" });
    prep = teams.user({
      key: "prep",
      upn: "pia@other.example",
      email: "prep@example.org",
      name: "Pia Preparer",
    });
    await teams.install(owner);
    await teams.install(prep, "en-US");
  });

  after(async () => {
    await app?.close();
    await connector?.stop();
  });

  beforeEach(() => connector.clearFaults());

  describe("on install and on messages", () => {
    it("links the Teams user to the register person by UPN and keeps their conversation", async () => {
      const person = await app.stores.register.person("p-owner");
      assert.equal(person?.aadObjectId, owner.aadObjectId.toLowerCase());
      const record = await app.stores.conversations.get(owner.aadObjectId);
      assert.equal(record?.personId, "p-owner");
      assert.equal(record?.conversationId, conversationIdOf(owner));
      assert.equal(record?.userId, owner.id);
      assert.equal(record?.tenantId, TENANT_ID);
      assert.equal(record?.reachable, true);
      assert.equal(await app.stores.conversations.serviceUrlOf(TENANT_ID), connector.url);
    });

    it("links by e-mail when the UPN differs from the register's", async () => {
      const record = await app.stores.conversations.forPerson({ id: "p-prep", upn: "prep@example.org" });
      assert.equal(record?.aadObjectId, prep.aadObjectId.toLowerCase());
      assert.equal((await app.stores.register.personByAadObjectId(prep.aadObjectId))?.id, "p-prep");
    });

    it("welcomes a known person in their language with the commands", async () => {
      const welcome = connector
        .callsOf("reply", conversationIdOf(owner))
        .map((c) => textOf(cardOf(c.body)))
        .find((t) => t.includes("Hei Olga"));
      assert.ok(welcome, "a Finnish welcome card");
      assert.match(welcome, /ohje/);
    });

    it("explains politely to someone nobody imported, and still remembers the conversation", async () => {
      const stranger = teams.user({ key: "stranger", upn: "stranger@example.org", name: "Stella Stranger" });
      const { status, replies } = await teams.say(stranger, "hello", "en-US");
      assert.equal(status, 200);
      assert.equal(replies.length, 1);
      assert.match(String(replies[0]!.text), /don't find you among the goal owners/);
      const record = await app.stores.conversations.get(stranger.aadObjectId);
      assert.equal(record?.personId, undefined);
      assert.equal(record?.upn, "stranger@example.org");
    });

    it("links a person imported after they first wrote, when they write again", async () => {
      const later = teams.user({ key: "later", upn: "later@example.org", name: "Leo Later" });
      await teams.say(later, "ohje");
      await app.stores.register.savePerson({
        id: "p-later",
        upn: "later@example.org",
        displayName: "Leo Later",
      });
      const { replies } = await teams.say(later, "ohje");
      assert.match(textOf(cardOf(replies[0])), /Tavoite-ennuste/);
      assert.equal((await app.stores.conversations.get(later.aadObjectId))?.personId, "p-later");
    });

    it("marks the person unreachable on uninstall, and reachable again when they write", async () => {
      const sub = teams.user({ key: "sub", upn: "sub@example.org", name: "Sami Substitute" });
      await teams.install(sub);
      assert.equal(await teams.uninstall(sub), 200);
      const record = await app.stores.conversations.get(sub.aadObjectId);
      assert.equal(record?.reachable, false);
      assert.equal(record?.unreachableCause, "uninstalled");
      await teams.say(sub, "help");
      assert.equal((await app.stores.conversations.get(sub.aadObjectId))?.reachable, true);
    });
  });

  describe("the proactive sender", () => {
    const checkin = { roundId: "2026-1", personId: "p-owner", kind: "checkin" as const };

    it("sends the check-in to the stored conversation: the person's items with status and a button each", async () => {
      const outcome = await app.sendNow(checkin);
      assert.equal(outcome.kind, "sent");
      if (outcome.kind !== "sent") return;
      assert.equal(outcome.conversationId, conversationIdOf(owner));
      assert.equal(outcome.updated, false);
      const card = cardOf(connector.activitiesIn(conversationIdOf(owner)).at(-1));
      const text = textOf(card);
      assert.match(text, /Ennuste 1\/2026/);
      assert.match(text, /Digitalisaatio/);
      assert.match(text, /Ikäihmiset/);
      assert.match(text, /Aloittamatta/);
      assert.equal(card?.refresh?.userIds?.[0], owner.id);
    });

    it("updates the earlier message when asked to, and sends reminders in the person's language", async () => {
      const first = await app.sendNow({ ...checkin, personId: "p-prep" });
      assert.equal(first.kind, "sent");
      if (first.kind !== "sent") return;
      const reminder = await app.sendNow({
        roundId: "2026-1",
        personId: "p-prep",
        kind: "reminder",
        daysLeft: 2,
        update: { activityId: first.activityId, conversationId: first.conversationId },
      });
      assert.deepEqual(reminder, { ...first, updated: true });
      const shown = connector
        .activitiesIn(conversationIdOf(prep))
        .find((a) => textOf(cardOf(a)).includes("2 days left"));
      assert.ok(shown, "the English reminder replaced the check-in");
    });

    it("maps 429 to throttled with Retry-After, after exactly one request (no hidden retries)", async () => {
      const before = connector.calls.length;
      connector.failNext({ status: 429, retryAfter: 7 }, 10);
      const outcome = await app.sendNow(checkin);
      assert.deepEqual(outcome, { kind: "throttled", retryAfterMs: 7000 });
      assert.equal(connector.calls.slice(before).filter(isPost).length, 1);
    });

    for (const status of [412, 500, 502, 504]) {
      it(`maps ${status} to a transient failure, after one request`, async () => {
        const before = connector.calls.length;
        connector.failNext({ status }, 10);
        const outcome = await app.sendNow(checkin);
        assert.equal(outcome.kind, "transient");
        assert.equal(outcome.kind === "transient" ? outcome.status : undefined, status);
        assert.equal(connector.calls.slice(before).filter(isPost).length, 1);
      });
    }

    const refusals: [TeamsErrorCode, string][] = [
      ["ConversationBlockedByUser", "blockedByUser"],
      ["BotNotInConversationRoster", "notInstalled"],
      ["BotDisabledByAdmin", "disabledByAdmin"],
    ];
    for (const [code, reason] of refusals) {
      it(`maps 403 ${code} to unreachable (${reason}) and records it`, async () => {
        connector.failNext({ status: 403, code }, 1);
        const outcome = await app.sendNow(checkin);
        assert.equal(outcome.kind, "unreachable");
        assert.equal(outcome.kind === "unreachable" ? outcome.reason : undefined, reason);
        const record = await app.stores.conversations.get(owner.aadObjectId);
        assert.equal(record?.reachable, false);
        assert.equal(record?.unreachableCause, reason);
        // A later successful send makes the person reachable again.
        assert.equal((await app.sendNow(checkin)).kind, "sent");
        assert.equal((await app.stores.conversations.get(owner.aadObjectId))?.reachable, true);
      });
    }

    it("recreates the 1:1 chat once on 404 ConversationNotFound, then sends", async () => {
      const before = connector.calls.length;
      connector.failNext({ status: 404, code: "ConversationNotFound", kinds: ["send", "reply"] }, 1);
      const outcome = await app.sendNow(checkin);
      assert.equal(outcome.kind, "sent");
      const calls = connector.calls.slice(before).map((c) => `${c.kind}:${c.status}`);
      assert.deepEqual(calls, ["reply:404", "createConversation:201", "reply:201"]);
      assert.equal(outcome.requests, 3, "the dispatcher's pacing counts every request");
    });

    it("gives up as unreachable when the recreated chat is not found either", async () => {
      const before = connector.calls.length;
      connector.failNext(
        { status: 404, code: "ConversationNotFound", kinds: ["send", "reply", "createConversation"] },
        2,
      );
      const outcome = await app.sendNow(checkin);
      assert.equal(outcome.kind, "unreachable");
      assert.equal(outcome.kind === "unreachable" ? outcome.reason : undefined, "conversationNotFound");
      assert.equal(connector.calls.slice(before).length, 2);
      assert.equal(outcome.requests, 2);
    });

    it("escalates to an admin the missing reports whose owners have no manager, with their owners", async () => {
      // Nobody in the register has a manager: every unsubmitted report goes to the admins, p-prep among
      // them (ADMIN_UPNS). Before, an escalation the dispatcher did not list lost this fallback.
      await app.stores.reports.save(
        report({ roundId: "2026-1", subjectId: "g-digi", goalId: "g-digi", state: "draft" }),
      );
      const outcome = await app.sendNow({ roundId: "2026-1", personId: "p-prep", kind: "escalation" });
      assert.equal(outcome.kind, "sent");
      const text = textOf(cardOf(connector.activitiesIn(conversationIdOf(prep)).at(-1)));
      assert.match(text, /These reports are still missing or unfinished/);
      assert.match(text, /Digitalisaatio[\s\S]*Draft · Owners: Olga Owner/);
      assert.match(
        text,
        /Liikkumisohjelma\n\*\*Ikäihmiset\*\*\nNot started · Owners: Otto Owner, Olga Owner/,
      );
      assert.match(text, /Pienet lapset\*\*\nNot started · Owners: Otto Owner/);
    });

    it("maps 401 to unauthorized", async () => {
      connector.failNext({ status: 401, code: "Unauthorized" }, 1);
      assert.equal((await app.sendNow(checkin)).kind, "unauthorized");
    });

    it("creates the 1:1 chat for a person it never met but whose AAD id is known", async () => {
      const aad = randomUUID();
      connector.addUser({
        id: `29:new`,
        aadObjectId: aad,
        name: "Otto Owner",
        userPrincipalName: "owner2@example.org",
      });
      const person = await app.stores.register.person("p-owner2");
      await app.stores.register.savePerson({ ...person!, aadObjectId: aad });
      const outcome = await app.sendNow({ ...checkin, personId: "p-owner2" });
      assert.equal(outcome.kind, "sent");
      assert.equal(outcome.requests, 2, "creating the chat and posting the message");
      const created = connector.callsOf("createConversation").at(-1)!.body as {
        members: { id: string }[];
        tenantId: string;
      };
      assert.equal(created.members[0]!.id, aad);
      assert.equal(created.tenantId, TENANT_ID);
      const record = await app.stores.conversations.forPerson(person!);
      assert.equal(record?.conversationId, "a:1on1-29:new");
      // Swedish is the person's language.
      assert.match(textOf(cardOf(connector.activitiesIn("a:1on1-29:new").at(-1))), /svar senast/);
    });

    it("says unreachable when the app is not installed for a person it never met", async () => {
      const person = await app.stores.register.person("p-mgr");
      await app.stores.register.savePerson({ ...person!, aadObjectId: randomUUID() });
      const outcome = await app.sendNow({ ...checkin, personId: "p-mgr" });
      assert.equal(outcome.kind, "unreachable");
      assert.equal(outcome.kind === "unreachable" ? outcome.reason : undefined, "notInstalled");
      assert.equal(outcome.requests, undefined, "one request: the refused creation");
    });

    it("says unreachable for people it cannot address at all", async () => {
      const unknown = await app.sendNow({ ...checkin, personId: "p-nobody" });
      assert.equal(unknown.kind === "unreachable" ? unknown.reason : unknown.kind, "unknownPerson");
      const neverMet = await app.sendNow({ ...checkin, personId: "p-admin" });
      assert.equal(neverMet.kind === "unreachable" ? neverMet.reason : neverMet.kind, "unknownPerson");
    });

    it("gives up on a connector that accepts but never answers after the request timeout, as transient", async () => {
      const sockets = new Set<Socket>();
      const silent = createServer(() => undefined); // reads the request, never answers
      silent.on("connection", (s) => sockets.add(s));
      await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
      const port = (silent.address() as AddressInfo).port;
      const record = await app.stores.conversations.get(owner.aadObjectId);
      await app.stores.conversations.save({ ...record!, serviceUrl: `http://127.0.0.1:${port}/` });
      try {
        const outcome = await app.sendNow(checkin);
        assert.equal(outcome.kind, "transient");
      } finally {
        await app.stores.conversations.save(record!);
        for (const s of sockets) s.destroy();
        await new Promise((resolve) => silent.close(resolve));
      }
    });

    it("reports a connector that does not answer as transient, without an unhandled rejection", async () => {
      const record = await app.stores.conversations.get(owner.aadObjectId);
      await app.stores.conversations.save({ ...record!, serviceUrl: "http://127.0.0.1:9/" });
      try {
        const outcome = await app.sendNow(checkin);
        assert.equal(outcome.kind, "transient");
      } finally {
        await app.stores.conversations.save(record!);
      }
    });
  });
});
