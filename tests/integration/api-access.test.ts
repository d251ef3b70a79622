// Every API route × every kind of caller: anonymous, a forged token (right claims, wrong key), an expired
// token, a token for another audience or from another issuer, an owner, a manager and an admin. The
// server validates tokens exactly as in production (issuer, audience, signature from a JWKS it fetches,
// expiry): a local stand-in for Entra ID serves the keys. Owners never see other owners' drafts.
import assert from "node:assert/strict";
import { generateKeyPair } from "jose";
import { registeredRoutes } from "../../bot/src/api/openapi.js";
import { findEndpoint, type Endpoint } from "@goal-forecast/core/contract";
import { saveReport } from "../../bot/src/reporting/save.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { entraServerEnv, LocalIdentityProvider } from "../support/entra.js";
import { openRound2021 } from "../support/demo-round.js";

type Caller =
  "anonymous" | "forged" | "expired" | "wrongAudience" | "wrongIssuer" | "owner" | "manager" | "admin";
const INVALID: Caller[] = ["anonymous", "forged", "expired", "wrongAudience", "wrongIssuer"];
const PEOPLE: Record<"owner" | "otherOwner" | "preparer" | "manager" | "admin", string> = {
  owner: "p-aino-aaltonen", // owns 2021-asiakaskokemus (and 2021-liikkuminen)
  otherOwner: "p-timo-lindqvist", // owns 2021-oppiminen
  preparer: "p-olli-harju", // prepares 2021-asiakaskokemus
  manager: "p-jari-toivonen",
  admin: "p-tuuli-rantanen",
};
const AINO_DRAFT = "Ainon luonnos, ei muiden silmille";
const TIMO_DRAFT = "Timon luonnos, ei muiden silmille";

/** Values for path parameters: an open round with drafts, and records that exist. */
const SAMPLE: Record<string, string> = {
  roundId: "2021-2",
  otherRoundId: "2021-1",
  goalId: "2021-asiakaskokemus",
  subjectId: "2021-asiakaskokemus",
  personId: "p-aino-aaltonen",
};

function concretePath(op: Endpoint, forWrite: boolean): string {
  // Writes by callers who may make them go to records that do not exist, so the matrix changes nothing.
  return op.path.replace(/:([A-Za-z]+)/g, (_, name: string) =>
    forWrite && (name === "roundId" || name === "goalId" || name === "personId")
      ? "zz-none"
      : (SAMPLE[name] ?? "zz-none"),
  );
}

describe("API access: every route × every kind of caller", function () {
  this.timeout(60_000);
  let idp: LocalIdentityProvider;
  let app: TestApp;
  const tokens = new Map<string, string>();

  const tokenOf = async (personId: string): Promise<string> => {
    const existing = tokens.get(personId);
    if (existing) return existing;
    const person = await app.stores.register.person(personId);
    if (!person) throw new Error(`no ${personId}`);
    const token = await idp.token(person);
    tokens.set(personId, token);
    return token;
  };

  const invalidTokens = new Map<Caller, string | undefined>();

  async function callerToken(caller: Caller): Promise<string | undefined> {
    switch (caller) {
      case "owner":
        return tokenOf(PEOPLE.owner);
      case "manager":
        return tokenOf(PEOPLE.manager);
      case "admin":
        return tokenOf(PEOPLE.admin);
      default:
        return invalidTokens.get(caller);
    }
  }

  before(async () => {
    idp = await LocalIdentityProvider.create();
    await idp.start();
    app = await startTestApp(entraServerEnv(idp));
    await app.stores.rounds.create(
      openRound2021(["2021-asiakaskokemus", "2021-oppiminen", "2021-liikkuminen"], {
        opensAt: "2021-08-02T08:00:00.000Z",
        reminderDays: [7, 2, 0],
      }),
    );
    for (const [personId, subjectId, narrative] of [
      [PEOPLE.owner, "2021-asiakaskokemus", AINO_DRAFT],
      [PEOPLE.otherOwner, "2021-oppiminen", TIMO_DRAFT],
    ] as const) {
      const outcome = await saveReport(app.stores, {
        roundId: "2021-2",
        subjectId,
        personId,
        action: "draft",
        input: { narrative, verdict: "atRisk", progress: 40 },
      });
      assert.equal(outcome.kind, "saved");
    }
  });

  before(async () => {
    // Tokens for Aino (an owner), each wrong in one way only.
    const aino = (await app.stores.register.person(PEOPLE.owner))!;
    const otherKey = (await generateKeyPair("RS256")).privateKey;
    invalidTokens.set("anonymous", undefined);
    invalidTokens.set("forged", await idp.token(aino, { key: otherKey }));
    invalidTokens.set("expired", await idp.token(aino, { expiresIn: -3600 }));
    invalidTokens.set(
      "wrongAudience",
      await idp.token(aino, { audience: "api://someone-else.example.invalid/app" }),
    );
    invalidTokens.set(
      "wrongIssuer",
      await idp.token(aino, { issuer: "https://login.example.invalid/other/v2.0" }),
    );
    // The same person with a good token is let in: the invalid ones fail for their one fault.
    assert.equal((await app.api("/api/me", { token: await tokenOf(PEOPLE.owner) })).status, 200);
  });

  after(async () => {
    await app?.close();
    await idp?.stop();
  });

  it("declares every route it tests (the contract is the access matrix)", () => {
    const routes = registeredRoutes(app.server);
    const missing = routes.filter((r) => !findEndpoint(r.method, r.path)).map((r) => `${r.method} ${r.path}`);
    assert.deepEqual(missing, []);
  });

  it("refuses anonymous, forged, expired, wrong-audience and wrong-issuer tokens on every protected route", async () => {
    const problems: string[] = [];
    for (const route of registeredRoutes(app.server)) {
      const op = findEndpoint(route.method, route.path)!;
      if (op.access === "public" || op.access === "development" || op.access === "bot") continue;
      for (const caller of INVALID) {
        const token = await callerToken(caller);
        const res = await app.api(concretePath(op, false), {
          method: op.method.toUpperCase(),
          ...(token ? { token } : {}),
          ...(op.method !== "get" ? { body: {} } : {}),
        });
        if (res.status !== 401)
          problems.push(`${op.method.toUpperCase()} ${op.path} as ${caller}: ${res.status}`);
        else if (res.headers.get("www-authenticate") === null)
          problems.push(`${op.path}: 401 without WWW-Authenticate`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it("lets each role through exactly where its access level allows, and answers no one with a 5xx", async () => {
    const problems: string[] = [];
    for (const route of registeredRoutes(app.server)) {
      const op = findEndpoint(route.method, route.path)!;
      if (op.access === "bot") continue; // Bot Framework tokens, tested with the bot
      for (const caller of ["owner", "manager", "admin"] as const) {
        const allowed =
          op.access === "public" ||
          op.access === "signedIn" ||
          (op.access === "manager" && caller !== "owner") ||
          (op.access === "admin" && caller === "admin");
        const write = op.method !== "get";
        const res = await app.api(concretePath(op, write && allowed), {
          method: op.method.toUpperCase(),
          token: (await callerToken(caller))!,
          ...(write ? { body: {} } : {}),
        });
        const where = `${op.method.toUpperCase()} ${op.path} as ${caller}`;
        if (res.status >= 500) problems.push(`${where}: ${res.status}`);
        else if (allowed && (res.status === 401 || res.status === 403))
          problems.push(`${where}: refused (${res.status})`);
        else if (!allowed && res.status !== 403) problems.push(`${where}: expected 403, got ${res.status}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it("has no development sign-in when the server validates Entra tokens", async () => {
    for (const path of ["/api/dev/people", "/api/dev/jwks.json"]) {
      const res = await app.api(path);
      assert.equal(res.status, 404, path);
    }
    const token = await app.api("/api/dev/token", { method: "POST", body: { personId: PEOPLE.admin } });
    assert.ok(token.status === 404 || token.status === 405, `POST /api/dev/token: ${token.status}`);
    const config = await app.api("/api/tab/config");
    assert.equal(config.status, 200);
    assert.equal((config.body as { authMode: string }).authMode, "entra");
  });

  it("says why in the requester's language", async () => {
    const res = await app.api("/api/me", { headers: { "accept-language": "sv-FI" } });
    assert.equal(res.status, 401);
    assert.equal((res.body as { error: { message: string } }).error.message, "Logga in.");
    const forbidden = await app.api("/api/rounds/2021-2/reports/2021-asiakaskokemus?lang=en", {
      token: await tokenOf(PEOPLE.otherOwner),
    });
    assert.equal(forbidden.status, 403);
    assert.equal(
      (forbidden.body as { error: { message: string } }).error.message,
      "You are not allowed to do this.",
    );
  });

  describe("drafts", () => {
    const get = async (personId: string, path: string) => {
      const res = await app.api(path, { token: await tokenOf(personId) });
      return { status: res.status, body: res.body, text: JSON.stringify(res.body) };
    };

    it("an owner sees their own draft and never another owner's, on any route", async () => {
      for (const [me, mine, theirs, theirSubject] of [
        [PEOPLE.owner, AINO_DRAFT, TIMO_DRAFT, "2021-oppiminen"],
        [PEOPLE.otherOwner, TIMO_DRAFT, AINO_DRAFT, "2021-asiakaskokemus"],
      ] as const) {
        const overview = await get(me, "/api/rounds/2021-2/overview");
        assert.equal(overview.status, 200);
        assert.ok(overview.text.includes(mine), `${me} sees their own draft in the overview`);
        assert.ok(!overview.text.includes(theirs), `${me} does not see the other draft in the overview`);
        assert.ok(
          !overview.text.includes(`"id":"${theirSubject}"`),
          `${me} does not even see the other subject`,
        );

        const reports = await get(me, "/api/rounds/2021-2/reports");
        assert.ok(reports.text.includes(mine) && !reports.text.includes(theirs), `${me}: reports`);

        const direct = await get(me, `/api/rounds/2021-2/reports/${theirSubject}`);
        assert.equal(direct.status, 403, `${me}: the other report directly`);
        assert.ok(!direct.text.includes(theirs));

        const goalId = theirSubject;
        const history = await get(me, `/api/goals/${goalId}/subjects/${theirSubject}/history`);
        assert.ok(
          [403, 404].includes(history.status),
          `${me}: history of the other subject (${history.status})`,
        );
        assert.ok(!history.text.includes(theirs));

        const compare = await get(me, "/api/rounds/2021-2/compare/2021-1");
        assert.equal(compare.status, 200);
        assert.ok(!compare.text.includes(theirs), `${me}: compare`);

        const goal = await get(me, `/api/goals/${goalId}`);
        assert.equal(goal.status, 403, `${me}: the other owner's goal`);
      }
    });

    it("a preparer sees the draft of the goal they prepare", async () => {
      const report = await get(PEOPLE.preparer, "/api/rounds/2021-2/reports/2021-asiakaskokemus");
      assert.equal(report.status, 200);
      assert.ok(report.text.includes(AINO_DRAFT));
      assert.ok(!(await get(PEOPLE.preparer, "/api/rounds/2021-2/overview")).text.includes(TIMO_DRAFT));
    });

    it("a manager sees that a draft exists, never its content; an admin sees it", async () => {
      const overview = await get(PEOPLE.manager, "/api/rounds/2021-2/overview");
      assert.ok(!overview.text.includes(AINO_DRAFT) && !overview.text.includes(TIMO_DRAFT));
      const subjects = (
        overview.body as {
          summary: {
            themes: { subjects: { subject: { id: string }; status: string; verdict?: string }[] }[];
          };
        }
      ).summary.themes.flatMap((t) => t.subjects);
      const aino = subjects.find((s) => s.subject.id === "2021-asiakaskokemus");
      assert.deepEqual([aino?.status, aino?.verdict], ["draft", undefined]);
      for (const path of [
        "/api/rounds/2021-2/reports",
        "/api/rounds/2021-2/compare/2021-1",
        "/api/goals/2021-asiakaskokemus/subjects/2021-asiakaskokemus/history",
      ]) {
        const res = await get(PEOPLE.manager, path);
        assert.equal(res.status, 200, path);
        assert.ok(!res.text.includes(AINO_DRAFT), `manager: ${path}`);
      }
      assert.equal((await get(PEOPLE.manager, "/api/rounds/2021-2/reports/2021-asiakaskokemus")).status, 404);

      const admin = await get(PEOPLE.admin, "/api/rounds/2021-2/reports");
      assert.ok(admin.text.includes(AINO_DRAFT) && admin.text.includes(TIMO_DRAFT));
    });
  });
});
