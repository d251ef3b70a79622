// Reaching every owner in a tenant where nobody has met the bot: people imported by UPN only are
// resolved in Entra ID (the local Graph), the app is installed for each before their check-in, and
// the check-in arrives once, in the person's preferred language. Graph's refusals and throttling
// are states the admin sees, never a lost message.
import assert from "node:assert/strict";
import { translator } from "@goal-forecast/core/i18n";
import type { Language } from "@goal-forecast/core/domain/model";
import type { Reachability } from "@goal-forecast/core/contract/rounds";
import type { RoundProgress } from "../../../bot/src/rounds/progress.js";
import { until } from "../../support/rounds.js";
import { textOf } from "../../support/teams-client.js";
import { future, GraphWorld } from "./world.js";

describe("reaching people through Microsoft Graph (local Graph, local Teams connector, Azurite)", function () {
  this.timeout(120_000);
  let world: GraphWorld;

  afterEach(async () => {
    await world?.stop();
  });

  it("imports 30 people by UPN, reports the one Entra ID does not know, and reaches the 30 once each in their language", async () => {
    world = await new GraphWorld().start();
    const users = world.directory(30);
    const upns = [...users.map((u) => u.userPrincipalName)];
    upns.splice(17, 0, "ghost@contoso.example"); // row 19 of people.csv (the header is row 1)
    const imported = await world.importPeople(upns);
    assert.equal(imported.status, 200, JSON.stringify(imported.body));
    assert.equal(imported.body.imported?.people, 31);
    const notes = (imported.body.warnings ?? []).filter((w) => w.code === "notInDirectory");
    assert.equal(notes.length, 1, JSON.stringify(imported.body.warnings));
    assert.equal(notes[0]!.row, 19);
    assert.match(notes[0]!.message, /ghost@contoso\.example/);

    const stored = await world.app.stores.register.people();
    for (const user of users) {
      const person = stored.find((p) => p.upn === user.userPrincipalName)!;
      assert.equal(person.aadObjectId, user.id, user.userPrincipalName);
      assert.equal(person.language, user.preferredLanguage!.slice(0, 2));
      if (user.managerId)
        assert.equal(person.managerId, stored.find((p) => p.upn === users[0]!.userPrincipalName)!.id);
    }
    assert.equal(stored.find((p) => p.upn === "ghost@contoso.example")?.aadObjectId, undefined);
    // Looked up in $batch requests of at most 20: 31 users and 29 managers are four batches, not 60 calls.
    assert.equal(world.graph.calls.filter((c) => !c.inBatch && c.url.startsWith("/$batch")).length, 4);

    const round = await world.openRound();
    const rows = await world.settled(round.id, 31);
    const ghost = stored.find((p) => p.upn === "ghost@contoso.example")!;
    assert.equal(rows.get(ghost.id)?.state, "notInDirectory");
    for (const user of users) {
      const person = stored.find((p) => p.upn === user.userPrincipalName)!;
      assert.equal(
        rows.get(person.id)?.state,
        "sent",
        `${user.userPrincipalName}: ${JSON.stringify(rows.get(person.id))}`,
      );
      const cards = world.checkinsOf(user);
      assert.equal(cards.length, 1, `${user.userPrincipalName} got ${cards.length} check-ins`);
      const lang = person.language as Language;
      assert.ok(textOf(cards[0]).includes(translator(lang)("bot:checkin.start")), `${lang} check-in`);
    }
    assert.equal(world.graph.stats.installs, 30);

    world.app.rounds.progress.invalidate(round.id);
    const progress = (await world.app.api(`/api/rounds/${round.id}/progress`, { as: "p-admin" }))
      .body as RoundProgress;
    assert.equal(progress.delivery.counts.sent, 30);
    assert.equal(progress.delivery.counts.notInDirectory, 1);
    assert.deepEqual(
      progress.delivery.problems.map((p) => [p.displayName, p.state, p.reason]),
      [["ghost", "notInDirectory", "notInDirectory"]],
    );
  });

  it("without consent to install, says so for those not reached, and the people already reachable get theirs", async () => {
    world = await new GraphWorld().start();
    const users = world.directory(6);
    assert.equal((await world.importPeople(users.map((u) => u.userPrincipalName))).status, 200);
    // Two had installed the app themselves.
    for (const user of users.slice(0, 2)) {
      const member = world.teams.user({
        key: user.id,
        upn: user.userPrincipalName,
        name: user.displayName,
        aadObjectId: user.id,
      });
      await world.teams.install(member);
    }
    world.graph.deny("TeamsAppInstallation.ReadWriteSelfForUser.All");

    const round = await world.openRound();
    const rows = await world.settled(round.id, 6);
    const people = await world.app.stores.register.people();
    const idOf = (upn: string) => people.find((p) => p.upn === upn)!.id;
    for (const [i, user] of users.entries()) {
      const row = rows.get(idOf(user.userPrincipalName))!;
      if (i < 2) {
        assert.equal(row.state, "sent");
        assert.equal(world.checkinsOf(user).length, 1);
      } else {
        assert.equal(row.state, "consentMissing");
        assert.equal(row.detail, "TeamsAppInstallation.ReadWriteSelfForUser.All");
        assert.equal(world.checkinsOf(user).length, 0);
      }
    }

    // The admin grants consent and resends to those: everyone is reached, nobody twice.
    world.graph.grant("TeamsAppInstallation.ReadWriteSelfForUser.All");
    const resent = await world.app.api(`/api/rounds/${round.id}/resend`, {
      method: "POST",
      as: "p-admin",
      body: { states: ["consentMissing"] },
    });
    assert.equal(resent.status < 300, true, JSON.stringify(resent.body));
    // The resend job puts the rows back to queued a moment later: wait for all to be sent.
    await until(
      async () => [...(await world.rows(round.id)).values()].every((r) => r.state === "sent"),
      "everyone reached after the resend",
    );
    for (const user of users) assert.equal(world.checkinsOf(user).length, 1, user.userPrincipalName);
  });

  it("rides out a Graph 429 storm: Retry-After is honoured and everyone is reached", async () => {
    // The product's default attempts (6): a storm costs attempts as Teams' 429s do.
    world = await new GraphWorld().start({ DISPATCH_MAX_ATTEMPTS: "6" });
    const users = world.directory(12);
    assert.equal((await world.importPeople(users.map((u) => u.userPrincipalName))).status, 200);
    world.graph.throttleNext(12, 1);
    const round = await world.openRound();
    const rows = await world.settled(round.id, 12, 60_000);
    assert.deepEqual(
      [...rows.values()].map((r) => [r.state, r.reason ?? "", r.detail ?? ""]),
      users.map(() => ["sent", "", ""]),
    );
    for (const user of users) assert.equal(world.checkinsOf(user).length, 1);
    assert.equal(world.graph.stats.throttled, 12);
    // After the first 429 nobody called Graph again before its Retry-After (1 s) had passed.
    const first429 = world.graph.calls.find((c) => c.status === 429)!;
    const nextOk = world.graph.calls.find(
      (c) => c.at > first429.at && c.status !== 429 && !c.url.startsWith("/$batch"),
    )!;
    assert.ok(nextOk.at - first429.at >= 900, `next call ${nextOk.at - first429.at} ms after the 429`);
  });

  it("shows the admin who will be reached before the round opens, and installs the app ahead on request", async () => {
    world = await new GraphWorld().start();
    const users = world.directory(4);
    await world.importPeople([...users.map((u) => u.userPrincipalName), "ghost@contoso.example"]);
    const first = users[0]!;
    await world.teams.install(
      world.teams.user({
        key: first.id,
        upn: first.userPrincipalName,
        name: first.displayName,
        aadObjectId: first.id,
      }),
    );
    const created = await world.app.api("/api/rounds", {
      method: "POST",
      as: "p-admin",
      body: { year: 2026, number: 1, dueAt: future(20) },
    });
    const roundId = (created.body as { id: string }).id;

    const before = await world.app.api(`/api/rounds/${roundId}/reach`, {
      as: "p-admin",
      headers: { "accept-language": "en" },
    });
    assert.equal(before.status, 200, JSON.stringify(before.body));
    const reach = before.body as Reachability;
    assert.deepEqual(reach.counts, {
      reachable: 1,
      willInstall: 3,
      notInDirectory: 1,
      consentMissing: 0,
      unreachable: 0,
    });
    assert.equal(reach.message, "1 reachable, 3 will get the app installed, 1 not found in Entra ID");
    assert.equal(world.graph.stats.installs, 0, "looking installs nothing");

    const prepared = await world.app.api(`/api/rounds/${roundId}/reach`, {
      method: "POST",
      as: "p-admin",
      headers: { "accept-language": "fi" },
    });
    assert.equal(prepared.status, 200, JSON.stringify(prepared.body));
    assert.deepEqual((prepared.body as Reachability).counts, {
      reachable: 4,
      willInstall: 0,
      notInDirectory: 1,
      consentMissing: 0,
      unreachable: 0,
    });
    assert.match((prepared.body as Reachability).message, /4 tavoitettavissa/);
    assert.equal(world.graph.stats.installs, 3);

    // Opening now sends at once: nothing more to install, one check-in each.
    const opened = await world.app.api(`/api/rounds/${roundId}/open`, { method: "POST", as: "p-admin" });
    assert.equal(opened.status, 200);
    await world.settled(roundId, 5);
    assert.equal(world.graph.stats.installs, 3);
    for (const user of users) assert.equal(world.checkinsOf(user).length, 1, user.userPrincipalName);
  });
});
