// Card actions carrying bad data, as a buggy client or a hand-made request would send them: every
// one gets a clear card in the person's language (never a 500), and nothing stored changes.
import assert from "node:assert/strict";
import type { Report, ReportEvent } from "@goal-forecast/core/domain/model";
import { inputIds } from "../../../bot/src/cards/actions.js";
import type { TestApp } from "../../support/app.js";
import { startDraftWorld, type DraftWorld } from "../../support/draft-world.js";
import { completeDigiInputs } from "../../support/fixtures.js";
import type { ConnectorUser } from "../../support/teams-connector.js";
import type { TeamsClient } from "../../support/teams-client.js";
import { textOf, type InvokeAnswer } from "../../support/teams-client.js";
import { renderCard } from "../../support/adaptive-cards.js";

const complete = completeDigiInputs;

describe("bot: bad card payloads", () => {
  let app: TestApp;
  let teams: TeamsClient;
  let owner: ConnectorUser;
  let other: ConnectorUser;
  let stored: Report;
  let events: ReportEvent[];

  let world: DraftWorld;

  before(async () => {
    world = await startDraftWorld();
    ({ app, teams, owner, outsider: other } = world);
    stored = (await app.stores.reports.get("2026-1", "g-digi"))!;
    events = await app.stores.reports.events("2026-1", "g-digi");
  });

  after(async () => {
    await world?.close();
  });

  afterEach(async () => {
    // Whatever a bad payload did, what was saved is exactly as it was.
    assert.deepEqual(await app.stores.reports.get("2026-1", "g-digi"), stored);
    assert.deepEqual(await app.stores.reports.events("2026-1", "g-digi"), events);
    assert.equal(await app.stores.reports.get("2026-1", "g-move-seniors"), undefined);
  });

  const data = (extra: Record<string, unknown> = {}) => ({
    gf: 1,
    view: "form",
    roundId: "2026-1",
    subjectId: "g-digi",
    version: stored.version,
    rows: 1,
    ...extra,
  });

  function clear(answer: InvokeAnswer, pattern: RegExp): string {
    assert.equal(answer.status, 200, "answered with a card, not an HTTP error");
    assert.ok(answer.card, "a card");
    assert.deepEqual(renderCard(answer.card).warnings, []);
    const text = textOf(answer.card);
    assert.match(text, pattern);
    return text;
  }

  it("missing fields on submit: every one marked next to its field, in the person's language", async () => {
    const answer = await teams.press(owner, { verb: "submit", data: data() }, { [inputIds.progress]: "50" });
    const text = clear(answer, /Korjaa \d+ merkittyä kenttää/);
    assert.match(text, /Ennuste tavoitteen toteutumisesta\nPakollinen tieto puuttuu/);
    assert.match(text, /Ennusteen perustelut\nPakollinen tieto puuttuu/);
    assert.match(text, /Tila\nPakollinen tieto puuttuu/);
    const en = await teams.press(owner, { verb: "submit", data: data() }, {}, "en-US");
    // The person's own setting (Finnish) wins over the client's locale.
    assert.match(textOf(en.card), /Pakollinen tieto puuttuu/);
  });

  it("an out-of-range progress or percent: the range is named, the typed value kept where it fits", async () => {
    const answer = await teams.press(
      owner,
      { verb: "saveDraft", data: data() },
      {
        ...complete,
        [inputIds.progress]: "150",
        [inputIds.actual("m1")]: "120",
        [inputIds.actual("m2")]: "-3",
      },
    );
    const text = clear(answer, /Arvon pitää olla välillä 0–100/);
    assert.match(text, /Edistyminen kokonaisuutena \(%\)\n.*0.*100/);
    assert.match(text, /Toteuma % \(tavoite 80\s%\)\n.*0.*100/);
    assert.match(text, /Toteuma \(tavoite 20 tilaa\)\n.*0/);
  });

  it("a 50 kB narrative: refused with its length, and the card still fits Teams' limit", async () => {
    const answer = await teams.press(
      owner,
      { verb: "saveDraft", data: data() },
      {
        ...complete,
        [inputIds.narrative]: "x".repeat(50_000),
      },
    );
    clear(answer, /enintään 3000 merkkiä \(nyt 50000\)/);
    assert.ok(Buffer.byteLength(JSON.stringify(answer.card)) < 80 * 1024);
  });

  it("values of the wrong type: a number for a text is refused, an object or list is not read at all", async () => {
    const number = await teams.press(
      owner,
      { verb: "saveDraft", data: data() },
      { ...complete, [inputIds.narrative]: 42 },
    );
    clear(number, /Ennusteen perustelut\nVirheellinen arvo/);
    for (const bad of [{ a: 1 }, ["done"], { $gt: "" }]) {
      const answer = await teams.press(
        owner,
        { verb: "saveDraft", data: data() },
        { ...complete, [inputIds.progress]: bad },
      );
      clear(answer, /En pystynyt lukemaan/);
    }
    const letters = await teams.press(
      owner,
      { verb: "saveDraft", data: data() },
      { ...complete, [inputIds.progress]: "paljon" },
    );
    clear(letters, /Edistyminen kokonaisuutena \(%\)\nAnna luku/);
    const choice = await teams.press(
      owner,
      { verb: "saveDraft", data: data() },
      { ...complete, [inputIds.verdict]: "great" },
    );
    clear(choice, /Ennuste tavoitteen toteutumisesta\nValitse jokin annetuista vaihtoehdoista/);
  });

  it("card bookkeeping out of range (rows, index) is refused as unreadable", async () => {
    clear(await teams.press(owner, { verb: "addRisk", data: data({ rows: 99 }) }), /En pystynyt lukemaan/);
    clear(
      await teams.press(owner, { verb: "removeRisk", data: data({ index: -1 }) }),
      /En pystynyt lukemaan/,
    );
    clear(
      await teams.press(owner, { verb: "saveDraft", data: data({ version: { etag: 1 } }) }),
      /En pystynyt lukemaan/,
    );
  });

  it("an unknown goal, or one outside the round", async () => {
    clear(
      await teams.press(owner, { verb: "open", data: data({ subjectId: "g-nope" }) }),
      /ei kuulu kierrokseen/,
    );
    clear(
      await teams.press(owner, { verb: "submit", data: data({ subjectId: "g-nope" }) }, complete),
      /ei kuulu kierrokseen/,
    );
    clear(
      await teams.press(owner, { verb: "open", data: data({ roundId: "1999-9" }) }),
      /Tätä ennustekierrosta ei enää ole/,
    );
  });

  it("someone who is neither owner nor preparer of the goal", async () => {
    const answer = await teams.press(other, { verb: "submit", data: data() }, complete);
    clear(answer, /Et ole tavoitteen "Digitalisaatio" omistaja tai valmistelija/);
    clear(await teams.press(other, { verb: "open", data: data() }), /Et ole tavoitteen/);
  });

  it("someone the register does not know at all", async () => {
    const stranger = teams.user({ key: "x", upn: "x@example.org", name: "X" });
    clear(await teams.press(stranger, { verb: "submit", data: data() }, complete, "en-US"), /don't find you/);
  });

  it("a stale version (someone saved meanwhile): a conflict, not an overwrite", async () => {
    const answer = await teams.press(
      owner,
      { verb: "submit", data: data({ version: "W/\"datetime'2000-01-01T00%3A00%3A00Z'\"" }) },
      complete,
    );
    clear(answer, /Joku muu tallensi tämän raportin/);
  });

  it("a round that closed meanwhile: says so, keeps what was typed to copy, and names whom to ask", async () => {
    const open = (await app.stores.rounds.get("2026-1"))!;
    await app.stores.rounds.update({ ...open, state: "closed", closesAt: "2026-04-01T09:00:00.000Z" });
    try {
      const typed = { ...complete, [inputIds.narrative]: "Etenee, mutta *Varaamo* viivästyy." };
      const answer = await teams.press(owner, { verb: "submit", data: data({ rows: 1 }) }, typed);
      const text = clear(answer, /Ennuste 1\/2026 on suljettu/);
      assert.match(text, /Kierros sulkeutui 1\.4\.2026/);
      assert.equal([...text.matchAll(/on suljettu/g)].length, 1);
      // The header no longer invites answers by the due date.
      assert.doesNotMatch(text, /mennessä/);
      assert.match(text, /Ennuste 1\/2026 · suljettu 1\.4\.2026/);
      assert.match(text, /kierroksen ylläpitäjään: Aki Admin\./);
      assert.match(text, /Kirjoittamasi teksti/);
      assert.match(text, /Perustelu: Etenee, mutta \\\*Varaamo\\\* viivästyy\./);
      assert.match(text, /Riski: Korona — varautuminen: Etätyö/);
      clear(
        await teams.press(owner, { verb: "saveDraft", data: data({ subjectId: "g-move-seniors" }) }, {}),
        /on suljettu/,
      );
    } finally {
      const closed = (await app.stores.rounds.get("2026-1"))!;
      await app.stores.rounds.update({ ...closed, state: "open" });
    }
  });
});
