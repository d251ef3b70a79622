import assert from "node:assert/strict";
import JSZip from "jszip";
import { startTestApp, type TestApp } from "../../support/app.js";
import { syntheticRound } from "../../support/synthetic-round.js";
import { until } from "../../support/rounds.js";
import { MANAGER } from "./download.js";

const BIG = "2020-big";
// Large enough that laying its slides out takes the worker far longer than a health probe takes.
const GOALS = 400;

describe("deck export of a large round, rendered off the server's event loop", () => {
  let app: TestApp;
  let token: string;
  let oneGoal: string;

  /** How many times the server has logged `msg` so far. */
  const logged = (msg: string): number =>
    app.logLines().filter((line) => (JSON.parse(line) as { msg?: string }).msg === msg).length;

  /** Starts a deck download that the test can abandon; resolves with its bytes if let finish. */
  function startDeck(query = ""): { gone: AbortController; bytes: Promise<Buffer> } {
    const gone = new AbortController();
    const bytes = fetch(`${app.url}/api/rounds/${BIG}/export/deck.pptx${query}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: gone.signal,
    }).then(async (res) => {
      assert.equal(res.status, 200);
      return Buffer.from(await res.arrayBuffer());
    });
    bytes.catch(() => undefined); // an abandoned download rejects: that is the point
    return { gone, bytes };
  }

  before(async () => {
    app = await startTestApp();
    const { round, register, reports } = syntheticRound(GOALS, BIG);
    await app.stores.register.saveRegister({ goals: register.goals });
    await app.stores.rounds.upsertMany([round]);
    await app.stores.reports.upsertMany(reports);
    token = await app.tokenFor(MANAGER);
    oneGoal = round.goalIds[1]!;
  });

  after(() => app.close());

  it("answers a health probe while the big deck is still being laid out, and stops it when the client leaves", async () => {
    const started = logged("deck render started");
    const laidOut = logged("deck laid out");
    const stopped = logged("deck render stopped: the client has gone");
    const deck = startDeck();
    await until(() => logged("deck render started") > started, "the deck render to start");

    const health = await app.api("/api/health");
    assert.equal(health.status, 200);
    assert.equal(logged("deck laid out"), laidOut, "the health probe waited for the deck's layout");

    deck.gone.abort();
    await until(() => logged("deck render stopped: the client has gone") > stopped, "the render to stop");
  });

  it("renders one deck at a time: a queued request whose client leaves is dropped, the next one is served", async () => {
    const started = logged("deck render started");
    const big = startDeck();
    await until(() => logged("deck render started") > started, "the big deck to start");

    const leaving = startDeck(`?goal=${oneGoal}`);
    await until(() => logged("deck render queued") === 1, "the second deck to queue");
    leaving.gone.abort();
    await until(() => logged("deck render dropped from the queue: the client has gone") === 1, "the drop");

    const waiting = startDeck(`?goal=${oneGoal}`);
    await until(() => logged("deck render queued") === 2, "the third deck to queue");
    big.gone.abort();

    const zip = await JSZip.loadAsync(await waiting.bytes);
    const slides = Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
    // The title slide and the one goal's slides, not the big deck's.
    assert.ok(slides.length >= 2 && slides.length < 10, `${slides.length} slides`);
    // The big deck and the third one ran; the dropped one never started.
    assert.equal(logged("deck render started"), started + 2);
  });
});
