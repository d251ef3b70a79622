// Azurite stopped while an owner submits their report in Teams, and started again: the owner is told
// in their language that nothing was saved, keeps what they typed, and the same submit then succeeds.
// The suite runs its own Azurite, on disk, so stopping it neither touches the other suites' storage
// nor loses what was stored before the outage.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inputIds } from "../../bot/src/cards/actions.js";
import { startAzurite, type Azurite } from "../../scripts/lib/azurite.js";
import { renderCard } from "../support/adaptive-cards.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { installDemoPeople, openDemoRound } from "../support/demo-round.js";
import { until } from "../support/rounds.js";
import {
  TeamsClient,
  button,
  buttons,
  cardOf,
  conversationIdOf,
  inputsOf,
  inputsShownOn,
  textOf,
  type CardJson,
} from "../support/teams-client.js";
import { startTeamsConnector, type TeamsConnector } from "../support/teams-connector.js";

const OWNER = "p-leena-salo";
const SUBJECT = "2020-liikkumisohjelma-ikaihmiset";

describe("faults: storage outage during a submit", function () {
  this.timeout(300_000); // a bound for a busy machine, not an expectation
  let dir: string;
  let azurite: Azurite;
  let app: TestApp;
  let connector: TeamsConnector;
  let paused = false;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "gf-outage-"));
    azurite = await startAzurite({ location: dir });
    connector = await startTeamsConnector();
    app = await startTestApp({
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      DISPATCH_WORKERS: "0",
      LOG_LEVEL: "error",
    });
  });

  after(async () => {
    if (paused) await azurite.resume(); // a failed test must not leave the server waiting for storage
    await app?.close();
    await connector?.stop();
    await azurite?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("says 'not saved, try again' in the owner's language with the input kept; /api/health reports the outage; the same submit succeeds after", async () => {
    const roundId = await openDemoRound(app, 3);
    const teams = new TeamsClient(app.url, connector);
    const leena = (await installDemoPeople(teams, [OWNER])).get(OWNER)!;
    assert.equal((await app.sendNow({ roundId, personId: OWNER, kind: "checkin" })).kind, "sent");
    const list = cardOf(connector.activitiesIn(conversationIdOf(leena)).at(-1));
    const open = buttons(list).find((b) => b.verb === "open" && b.data?.subjectId === SUBJECT)!;
    const form = (await teams.press(leena, open, {}, "sv-SE")).card;
    const typed: Record<string, string> = {
      ...inputsShownOn(form),
      [inputIds.progress]: "55",
      [inputIds.verdict]: "atRisk",
      [inputIds.narrative]: "Palvelutorit viivästyvät; kaksi avataan syksyllä.",
    };
    for (const id of inputsOf(form).keys())
      if (id.endsWith(".mitigation") && !typed[id]) typed[id] = "Seurataan kuukausittain.";
    const submit = button(form, "submit");

    await azurite.pause();
    paused = true;
    const health = await app.api("/api/health");
    assert.equal(health.status, 503);
    assert.equal((health.body as { checks: { storage: { ok: boolean } } }).checks.storage.ok, false);

    // While storage is down the register cannot say which language Leena chose: Teams' locale decides.
    const refused = await teams.press(leena, submit, typed, "sv-SE");
    assert.equal(refused.status, 200, "a card, not an HTTP error");
    assert.match(textOf(refused.card), /Det går inte att spara just nu\. Inget sparades/);
    assert.match(textOf(refused.card), /Allt du skrev finns kvar här/);
    assert.deepEqual(inputsShownOn(refused.card), typed, "every typed value is still in the card's inputs");
    assert.deepEqual(renderCard(refused.card).warnings, [], "a card Teams renders");
    const again = button(refused.card, "submit", "Försök igen");

    await azurite.resume();
    paused = false;
    await until(
      async () => (await app.api("/api/health")).status === 200,
      "storage to be healthy again",
      60_000,
    );
    assert.equal(await app.stores.reports.get(roundId, SUBJECT), undefined, "nothing was saved meanwhile");

    const saved = await teams.press(leena, again, inputsShownOn(refused.card), "sv-SE");
    // Storage answers again, so the register's language for Leena (Finnish) applies once more.
    assert.match(textOf(saved.card as CardJson), /Kiitos! Raporttisi on lähetetty/);
    const stored = await app.stores.reports.get(roundId, SUBJECT);
    assert.equal(stored?.state, "submitted");
    assert.equal(stored?.progress, 55);
    assert.equal(stored?.verdict, "atRisk");
    assert.equal(stored?.narrative, typed[inputIds.narrative]);
    const events = await app.stores.reports.events(roundId, SUBJECT);
    assert.deepEqual(
      events.map((e) => [e.action, e.by]),
      [["submit", OWNER]],
    );
  });
});
