// Generated bad input at every route of the contract (core/src/contract), so a new route is covered
// as soon as it is declared there. The caller is an admin, the most powerful role, so what
// is refused is refused for its input, not for who asks. For every request: never a 5xx, the server
// still answers /api/health, a refusal carries a message, and a refused request leaves every stored
// entity exactly as it was (etags included). Bodies beyond the server's limits get 413 on every write.
import assert from "node:assert/strict";
import fc from "fast-check";
import { z } from "zod";
import { ENDPOINTS, type Endpoint } from "@goal-forecast/core/contract";
import { saveReport } from "../../../bot/src/reporting/save.js";
import { startTestApp, type TestApp } from "../../support/app.js";
import { tableContents } from "../../support/storage.js";
import {
  hostileJson,
  hostileQuery,
  hostileText,
  described,
  pathValue,
  type RawRequest,
} from "../../support/hostile-input.js";
import { openRound2021 } from "../../support/demo-round.js";

const ADMIN = "p-tuuli-rantanen";
/** Records of the demo data, so generated paths reach real handlers as well as missing ones. */
const EXISTING: Record<string, string[]> = {
  roundId: ["2021-2", "2021-1"],
  otherRoundId: ["2021-1", "2020-2"],
  goalId: ["2021-liikkuminen", "2021-asiakaskokemus"],
  subjectId: ["2021-liikkuminen", "2021-asiakaskokemus"],
  personId: ["p-aino-aaltonen"],
};
/** The body limits of bot/src/server.ts (JSON bodies, and uploads to /api/admin/import/*). */
const MAX_JSON_BYTES = 512 * 1024;
const MAX_UPLOAD_BYTES = 12 * 1024 * 1024;

/** Mostly JSON, but also the types restify's body parser would read differently. */
const JSON_TYPES = [
  "application/json",
  "application/json",
  "application/json; charset=utf-16",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
] as const;

/** The bot endpoint has its own suite (bot.test.ts): a generated activity there is a Teams turn. */
const ROUTES = ENDPOINTS.filter((op) => op.access !== "bot");
const WRITES = ENDPOINTS.filter((op) => op.method !== "get");

/** Runs per route: exports build whole workbooks and decks per request, so they get fewer. */
const runsFor = (op: Endpoint): number => (op.tag === "exports" ? 4 : op.method === "get" ? 10 : 12);

function requestFor(op: Endpoint): fc.Arbitrary<RawRequest> {
  const params = op.params;
  const path = fc
    .tuple(...params.map((name) => pathValue(EXISTING[name] ?? [])))
    .map((values) => values.reduce((p, v, i) => p.replace(`:${params[i]}`, v), op.path));
  const knownKeys = op.query ? Object.keys(op.query.shape) : [];
  const body0 = op.body instanceof z.ZodOptional ? op.body.unwrap() : op.body;
  const bodyKeys = body0 instanceof z.ZodObject ? Object.keys(body0.shape) : [];
  const body: fc.Arbitrary<{ text?: string; contentType?: string }> =
    op.method === "get"
      ? fc.constant({})
      : op.upload
        ? fc.record({
            text: fc.oneof(
              hostileText(),
              hostileJson().map((j) => j.text),
            ),
            contentType: fc.constantFrom(...op.upload, "application/octet-stream", "text/plain"),
          })
        : fc.oneof(
            fc.record({
              text: hostileJson(bodyKeys).map((j) => j.text),
              contentType: fc.constantFrom(...JSON_TYPES),
            }),
            hostileText().map((text) => ({ text, contentType: "application/json" })),
            fc.constant({}),
          );
  return fc
    .record({ path, query: hostileQuery(knownKeys), body })
    .map(({ path: p, query, body: b }) =>
      described<RawRequest>({ method: op.method.toUpperCase(), path: p + query, ...b }),
    );
}

describe("bad input properties: every API route", function () {
  this.timeout(120_000);
  let app: TestApp;
  let token: string;

  before(async () => {
    // No dispatch workers: their heartbeats would write to storage while the test compares it.
    app = await startTestApp({ DISPATCH_WORKERS: "0" });
    token = await app.tokenFor(ADMIN);
    // An open round with a draft (the demo rounds are all frozen), so writes reach live records too.
    await app.stores.rounds.create(openRound2021(["2021-liikkuminen", "2021-asiakaskokemus"]));
    const draft = await saveReport(app.stores, {
      roundId: "2021-2",
      subjectId: "2021-liikkuminen",
      personId: "p-leena-salo",
      action: "draft",
      input: { narrative: "Luonnos", progress: 40 },
    });
    assert.equal(draft.kind, "saved");
  });
  after(async () => app?.close());

  async function send(r: RawRequest): Promise<{ status: number; text: string }> {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (r.contentType) headers["content-type"] = r.contentType;
    const res = await fetch(`${app.url}${r.path}`, {
      method: r.method,
      headers,
      ...(r.text !== undefined ? { body: r.text } : {}),
    });
    return { status: res.status, text: await res.text() };
  }

  for (const op of ROUTES) {
    const read = op.method === "get";
    const title = read
      ? "no 5xx, still serving, storage never changes"
      : "no 5xx, still serving, a refusal changes nothing";
    it(`${op.method.toUpperCase()} ${op.path}: ${title}`, async () => {
      const start = await tableContents(app.account, { versions: true });
      let before = start;
      await fc.assert(
        fc.asyncProperty(requestFor(op), async (r) => {
          const res = await send(r);
          assert.ok(
            res.status < 500,
            `${r.method} ${r.path.slice(0, 200)} answered ${res.status}: ${res.text.slice(0, 300)}`,
          );
          const health = await fetch(`${app.url}/api/health`);
          assert.equal(health.status, 200, "still serving");
          if (res.status >= 400) {
            const message = (JSON.parse(res.text) as { error?: { message?: unknown } }).error?.message;
            assert.ok(
              typeof message === "string" && message.length > 0,
              `a message: ${res.text.slice(0, 300)}`,
            );
          }
          // Reads are compared once, after all of them (below); a write after each request.
          if (read) return;
          // An accepted round action writes its deliveries in the background: let it finish first.
          await app.rounds.runner.idle();
          const after = await tableContents(app.account, { versions: true });
          if (res.status >= 400) {
            assert.deepEqual(
              after,
              before,
              `${r.method} ${r.path.slice(0, 200)} was refused (${res.status}) but storage changed`,
            );
          }
          before = after;
        }),
        { numRuns: runsFor(op), endOnFailure: true },
      );
      if (read)
        assert.deepEqual(
          await tableContents(app.account, { versions: true }),
          start,
          "a read changed storage",
        );
    });
  }

  it("a URL beyond Node's header limit gets 431 from Node itself, and the server keeps serving", async () => {
    const res = await send({ method: "GET", path: `/api/rounds/${"x".repeat(20_000)}` });
    assert.equal(res.status, 431);
    assert.equal((await fetch(`${app.url}/api/health`)).status, 200);
  });

  for (const op of WRITES) {
    const upload = Boolean(op.upload) || op.path.startsWith("/api/admin/import");
    const limit = upload ? MAX_UPLOAD_BYTES : MAX_JSON_BYTES;
    it(`${op.method.toUpperCase()} ${op.path}: a body over ${limit / 1024} KiB gets 413, nothing stored`, async () => {
      const before = await tableContents(app.account, { versions: true });
      const path = op.path.replace(/:([A-Za-z]+)/g, (_, name: string) => EXISTING[name]?.[0] ?? "x");
      // Valid JSON, so the size alone is what is refused.
      const text = JSON.stringify({ narrative: "x".repeat(limit + 1) });
      const res = await send({
        method: op.method.toUpperCase(),
        path,
        text,
        contentType: op.upload?.[0] ?? "application/json",
      });
      assert.equal(res.status, 413, res.text.slice(0, 300));
      assert.match(res.text, /"code":"tooLarge"/);
      assert.deepEqual(await tableContents(app.account, { versions: true }), before);
    });
  }
});
