// A full check-in of a Liikkumisohjelma project from the demo data, over HTTP through the real server
// and botbuilder, as Teams would drive it: the check-in arrives, the preparer drafts, the owner
// submits, edits and submits again; what lands in Azurite is checked at each step.
import assert from "node:assert/strict";
import type { Round } from "@goal-forecast/core/domain/model";
import { inputIds } from "../../../bot/src/cards/actions.js";
import { startTestApp, type TestApp } from "../../support/app.js";
import {
  startTeamsConnector,
  type ConnectorUser,
  type TeamsConnector,
} from "../../support/teams-connector.js";
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
} from "../../support/teams-client.js";
import { renderCard } from "../../support/adaptive-cards.js";
import { loopbackPort, requestsDuring } from "../../support/outgoing.js";
import { testConnectionString } from "../../support/storage.js";

const SUBJECT = "2020-liikkumisohjelma-ikaihmiset";

describe("bot: a full check-in of a Liikkumisohjelma project", () => {
  let app: TestApp;
  let connector: TeamsConnector;
  let teams: TeamsClient;
  let leena: ConnectorUser; // owner
  let emilia: ConnectorUser; // preparer
  let round: Round;

  before(async () => {
    connector = await startTeamsConnector();
    app = await startTestApp(); // demo data from the seeds
    const previous = await app.stores.rounds.get("2020-2");
    assert.ok(previous, "demo round 2020-2");
    // An open round of our own; the demo rounds are frozen and stay as they are.
    round = await app.stores.rounds.create({
      ...previous,
      id: "2020-3",
      number: 3,
      name: { fi: "Ennuste 3/2020", sv: "Prognos 3/2020", en: "Forecast 3/2020" },
      state: "open",
      opensAt: "2020-09-01T08:00:00.000Z",
      dueAt: "2099-09-30T12:00:00.000Z",
      substitutes: {},
      createdAt: "2020-09-01T08:00:00.000Z",
      createdBy: "p-admin",
    });
    teams = new TeamsClient(app.url, connector);
    leena = teams.user({ key: "leena", upn: "leena.salo@example.org", name: "Leena Salo" });
    emilia = teams.user({ key: "emilia", upn: "emilia.koski@example.org", name: "Emilia Koski" });
    await teams.install(leena);
    await teams.install(emilia);
  });

  after(async () => {
    await app?.close();
    await connector?.stop();
  });

  async function checkinOf(user: ConnectorUser, personId: string): Promise<CardJson> {
    const outcome = await app.sendNow({ roundId: round.id, personId, kind: "checkin" });
    assert.equal(outcome.kind, "sent");
    const card = cardOf(connector.activitiesIn(conversationIdOf(user)).at(-1));
    assert.ok(card, "a check-in card arrived");
    return card;
  }

  let emiliaForm: CardJson | undefined;

  it("sends the owner one message listing every goal and project she answers for, with a button each", async () => {
    const card = await checkinOf(leena, "p-leena-salo");
    const text = textOf(card);
    assert.match(text, /Ennuste 3\/2020/);
    assert.match(text, /IKÄIHMISET/);
    assert.match(text, /PIENET LAPSET/);
    assert.match(text, /NUORET/);
    assert.match(text, /Aloittamatta/);
    const openButtons = buttons(card).filter((b) => b.verb === "open");
    assert.equal(openButtons.length, 4, "one button per Liikkumisohjelma project");
    assert.deepEqual(renderCard(card).warnings, []);
  });

  it("opens the preparer's form prefilled from the previous round, marked as copied, without Submit", async () => {
    const list = await checkinOf(emilia, "p-emilia-koski");
    const open = buttons(list).find((b) => b.verb === "open" && b.data?.subjectId === SUBJECT);
    const answer = await teams.press(emilia, open!);
    assert.equal(answer.status, 200);
    const form = answer.card;
    const text = textOf(form);
    // The answer was the owner's, not the preparer's: the form says whose it was.
    assert.match(text, /Esitäytetty kierroksen Ennuste 2\/2020 vastauksella, jonka antoi Leena Salo/);
    assert.doesNotMatch(text, /vastauksellasi/);
    // June's second risk has no mitigation (the old decks did not ask): marked now, not only after Send.
    assert.match(text, /Kopioidusta vastauksesta puuttuu kohta, jota lähetys vaatii/);
    assert.match(text, /Pakollinen tieto puuttuu/, "at the mitigation it lacks");
    assert.doesNotMatch(text, /Korjaa merkitty/, "nothing was refused: it is no save error");
    assert.match(text, /Toteuma \(tavoite 4 palvelutoria\)/, "the count target is shown with the input");
    const shown = inputsShownOn(form);
    assert.equal(shown[inputIds.progress], "25");
    assert.equal(shown[inputIds.verdict], "notAchieved");
    assert.equal(shown[inputIds.status("m1")], "inProgress");
    assert.ok(!buttons(form).some((b) => b.verb === "submit"), "a preparer cannot submit");
    assert.match(text, /Valmistelijana voit tallentaa luonnoksia/);
    assert.deepEqual(renderCard(form).warnings, []);
    emiliaForm = form;

    // The owner who gave that answer reads it as her own.
    const leenaList = await checkinOf(leena, "p-leena-salo");
    const own = buttons(leenaList).find(
      (b) => b.verb === "open" && b.data?.subjectId === "2020-liikkumisohjelma-nuoret",
    );
    const ownForm = await teams.press(leena, own!);
    assert.match(textOf(ownForm.card), /Esitäytetty vastauksellasi kierrokselta Ennuste 2\/2020/);
  });

  it("saves the preparer's draft with what she typed, and records who did it", async () => {
    const inputs = {
      ...inputsShownOn(emiliaForm),
      [inputIds.status("m1")]: "done",
      [inputIds.actual("m3")]: "1",
      [inputIds.note("m3")]: "Ensimmäinen palvelutori Kaarelassa 9/2020.",
      [inputIds.progress]: "40",
      [inputIds.narrative]: "Yksi palvelutori toteutettu; loput siirtyvät vuodelle 2021.",
    };
    const answer = await teams.press(emilia, button(emiliaForm, "saveDraft"), inputs);
    assert.match(textOf(answer.card), /Luonnos tallennettu/);
    const stored = await app.stores.reports.get(round.id, SUBJECT);
    assert.equal(stored?.state, "draft");
    assert.equal(stored?.updatedBy, "p-emilia-koski");
    assert.equal(stored?.progress, 40);
    assert.equal(stored?.milestones.find((m) => m.milestoneId === "m3")?.actual, 1);
    const copied = await app.stores.reports.get("2020-2", SUBJECT);
    assert.deepEqual(stored?.risks, copied?.risks, "the copied risks were kept");
    // The form stays open with the saved values and now expects the saved version.
    assert.equal(button(answer.card, "saveDraft").data?.version, stored?.version);
    emiliaForm = answer.card;
  });

  it("a button press reads its goal alone and each stored row once; a card without the goal id still works", async () => {
    const list = await checkinOf(leena, "p-leena-salo");
    const open = buttons(list).find((b) => b.verb === "open" && b.data?.subjectId === SUBJECT)!;
    assert.equal(open.data?.goalId, "2020-liikkumisohjelma", "the button names the subject's goal");
    // Table reads of a press, without the dispatch machinery's own lease and delivery traffic.
    const press = async (
      user: ConnectorUser,
      action: typeof open,
      inputs: Record<string, string> = {},
    ): Promise<{ reads: string[]; text: string }> => {
      let text = "";
      const calls = await requestsDuring(loopbackPort(testConnectionString()), async () => {
        text = textOf((await teams.press(user, action, inputs)).card);
      });
      return { reads: calls.filter((c) => c.startsWith("GET ") && !/leases|deliveries/.test(c)), text };
    };
    const goalQueries = (reads: string[]) => reads.filter((r) => /register\(\)\?.*'goal'/.test(r));
    const twice = (reads: string[]) => reads.filter((r, i) => reads.indexOf(r) !== i);

    const opened = await press(leena, open);
    assert.match(opened.text, /Luonnoksen tallentanut Emilia Koski/);
    assert.deepEqual(goalQueries(opened.reads), [], "no query over the year's goals");
    assert.deepEqual(twice(opened.reads), [], "no row read twice");

    // Saving (here the same draft again, which changes nothing) reads each row once too.
    const saved = await press(emilia, button(emiliaForm, "saveDraft"), inputsShownOn(emiliaForm));
    assert.match(saved.text, /Luonnos tallennettu/);
    assert.deepEqual(goalQueries(saved.reads), []);
    assert.deepEqual(twice(saved.reads), [], "no row read twice");

    const { goalId: _goalId, ...oldData } = open.data as Record<string, unknown>;
    const old = await press(leena, { ...open, data: oldData });
    assert.equal(old.text, opened.text, "a card sent before goal ids opens the same form");
    assert.equal(goalQueries(old.reads).length, 1, "its subject is found among the year's goals");
  });

  let leenaForm: CardJson | undefined;

  it("shows the owner the preparer's draft and who saved it", async () => {
    const list = await checkinOf(leena, "p-leena-salo");
    assert.match(textOf(list), /Luonnos\*\* · viimeksi tallentanut Emilia Koski/);
    const open = buttons(list).find((b) => b.verb === "open" && b.data?.subjectId === SUBJECT);
    const answer = await teams.press(leena, open!);
    const text = textOf(answer.card);
    assert.match(text, /Luonnoksen tallentanut Emilia Koski/);
    assert.match(text, /Emilia Koski tallensi luonnoksen/, "the history shows who drafted");
    assert.equal(inputsShownOn(answer.card)[inputIds.progress], "40");
    assert.ok(buttons(answer.card).some((b) => b.verb === "submit"));
    leenaForm = answer.card;
  });

  it("asks for what a submission still lacks, next to the field, keeping everything typed", async () => {
    // The 2020 deck gave one risk without a mitigation; a submission needs one for each risk.
    const inputs = { ...inputsShownOn(leenaForm), [inputIds.verdict]: "atRisk", [inputIds.progress]: "45" };
    const answer = await teams.press(leena, button(leenaForm, "submit"), inputs);
    assert.equal(answer.status, 200);
    const text = textOf(answer.card);
    assert.match(text, /Korjaa merkitty kenttä/);
    assert.match(text, /Varautuminen riskiin 2\nPakollinen tieto puuttuu/, "the error sits under its field");
    assert.equal(inputsShownOn(answer.card)[inputIds.verdict], "atRisk");
    assert.equal(inputsShownOn(answer.card)[inputIds.progress], "45");
    assert.equal((await app.stores.reports.get(round.id, SUBJECT))?.state, "draft", "nothing was saved");
    leenaForm = answer.card;
  });

  it("submits the owner's report: a read-only summary with Edit, stored as submitted", async () => {
    const inputs = {
      ...inputsShownOn(leenaForm),
      [inputIds.mitigation(1)]: "Seurataan rajoituksia kuukausittain.",
    };
    const answer = await teams.press(leena, button(leenaForm, "submit"), inputs);
    assert.equal(answer.status, 200);
    const text = textOf(answer.card);
    assert.match(text, /Kiitos! Raporttisi on lähetetty/);
    assert.match(text, /1 \/ 4 palvelutoria/, "actual against target");
    assert.ok(inputsOf(answer.card).size === 0, "the summary is read-only");
    assert.ok(buttons(answer.card).some((b) => b.verb === "edit"));
    const stored = await app.stores.reports.get(round.id, SUBJECT);
    assert.equal(stored?.state, "submitted");
    assert.equal(stored?.submittedBy, "p-leena-salo");
    assert.equal(stored?.verdict, "atRisk");
    assert.equal(stored?.copiedFromRoundId, undefined);
  });

  it("refuses the preparer's stale card: it never overwrites the newer submission", async () => {
    const before = await app.stores.reports.get(round.id, SUBJECT);
    const answer = await teams.press(emilia, button(emiliaForm, "saveDraft"), {
      ...inputsShownOn(emiliaForm),
      [inputIds.progress]: "99",
    });
    assert.equal(answer.status, 200);
    const text = textOf(answer.card);
    assert.match(text, /Joku muu tallensi tämän raportin/);
    assert.match(text, /Leena Salo lähetti sen/);
    assert.match(text, /Edistyminen: tallennettu \*\*45\s%\*\*, sinun \*\*99\s%\*\*/);
    assert.equal(inputsShownOn(answer.card)[inputIds.progress], "99", "what she typed is kept");
    assert.deepEqual(await app.stores.reports.get(round.id, SUBJECT), before);
    // Trying again as a preparer cannot turn a submitted report back into a draft.
    const retry = await teams.press(emilia, button(answer.card, "saveDraft"), inputsShownOn(answer.card));
    assert.match(textOf(retry.card), /Omistaja on sillä välin lähettänyt/);
    assert.deepEqual(await app.stores.reports.get(round.id, SUBJECT), before);
  });

  it("lets the owner edit and submit again; the history keeps every step", async () => {
    const list = await checkinOf(leena, "p-leena-salo");
    assert.match(textOf(list), /Lähetetty/);
    const open = buttons(list).find((b) => b.verb === "open" && b.data?.subjectId === SUBJECT);
    const summary = await teams.press(leena, open!);
    const edit = await teams.press(leena, button(summary.card, "edit"));
    assert.match(textOf(edit.card), /Korjaat lähetettyä raporttia/);
    assert.ok(
      !buttons(edit.card).some((b) => b.verb === "saveDraft"),
      "a submitted report is not turned back into a draft",
    );
    const resubmitted = await teams.press(leena, button(edit.card, "submit"), {
      ...inputsShownOn(edit.card),
      [inputIds.progress]: "50",
      [inputIds.risk(0)]: "Koronatilanne estää tapahtumat",
      [inputIds.mitigation(0)]: "Siirretään palvelutorit vuodelle 2021",
    });
    assert.match(textOf(resubmitted.card), /Kiitos/);
    const stored = await app.stores.reports.get(round.id, SUBJECT);
    assert.equal(stored?.progress, 50);
    assert.equal(stored?.state, "submitted");
    assert.equal(stored?.risks[0]?.mitigation, "Siirretään palvelutorit vuodelle 2021");
    const events = await app.stores.reports.events(round.id, SUBJECT);
    assert.deepEqual(
      events.map((e) => `${e.by}:${e.action}`),
      ["p-emilia-koski:draft", "p-leena-salo:submit", "p-leena-salo:submit"],
    );
    assert.ok(
      events.every((e) => e.channel === "bot"),
      "each save is recorded as made in the bot",
    );
  });

  it("gives each viewer their own current view when Teams refreshes a card", async () => {
    const list = cardOf(connector.activitiesIn(conversationIdOf(emilia)).at(-1));
    assert.deepEqual(list?.refresh?.userIds, [emilia.id]);
    const refreshed = await teams.press(emilia, {
      verb: list!.refresh!.action.verb,
      data: list!.refresh!.action.data,
    });
    assert.match(textOf(refreshed.card), /IKÄIHMISET[\s\S]*Lähetetty/);
    // Her old form, refreshed, now shows the submitted report read-only.
    const form = await teams.press(emilia, { verb: "refresh", data: emiliaForm!.refresh!.action.data });
    assert.equal(inputsOf(form.card).size, 0);
    assert.match(textOf(form.card), /Lähettänyt Leena Salo/);
  });

  it("adds and removes risk rows without losing anything typed", async () => {
    const list = await checkinOf(leena, "p-leena-salo");
    const open = buttons(list).find(
      (b) => b.verb === "open" && b.data?.subjectId === "2020-liikkumisohjelma-nuoret",
    );
    const form = (await teams.press(leena, open!)).card;
    const typed = {
      ...inputsShownOn(form),
      [inputIds.narrative]: "Kesken",
      [inputIds.risk(0)]: "Ensimmäinen",
    };
    const added = (await teams.press(leena, button(form, "addRisk"), typed)).card;
    assert.equal(inputsShownOn(added)[inputIds.narrative], "Kesken");
    assert.ok(inputsOf(added).has(inputIds.risk(1)));
    const withTwo = {
      ...inputsShownOn(added),
      [inputIds.risk(1)]: "Toinen",
      [inputIds.mitigation(1)]: "Varaudutaan",
    };
    const removed = (await teams.press(leena, button(added, "removeRisk", "1"), withTwo)).card;
    const shown = inputsShownOn(removed);
    assert.equal(shown[inputIds.risk(0)], "Toinen");
    assert.equal(shown[inputIds.mitigation(0)], "Varaudutaan");
    assert.equal(shown[inputIds.narrative], "Kesken");
    assert.equal(
      await app.stores.reports.get(round.id, "2020-liikkumisohjelma-nuoret"),
      undefined,
      "nothing saved yet",
    );
    const cancelled = await teams.press(leena, button(removed, "cancel"));
    assert.match(textOf(cancelled.card), /Ennuste 3\/2020/);
  });

  it("on a conflict between two owners shows what the other saved, and saving again is a deliberate overwrite", async () => {
    const KAMPANJA = "2020-liikkumisohjelma-kampanja";
    const aino = teams.user({ key: "aino", upn: "aino.aaltonen@example.org", name: "Aino Aaltonen" });
    await teams.install(aino);
    const openFor = async (user: ConnectorUser, personId: string): Promise<CardJson | undefined> => {
      const list = await checkinOf(user, personId);
      const open = buttons(list).find((b) => b.verb === "open" && b.data?.subjectId === KAMPANJA);
      return (await teams.press(user, open!)).card;
    };
    const leenaForm = await openFor(leena, "p-leena-salo");
    const ainoForm = await openFor(aino, "p-aino-aaltonen");
    const ainoSaved = await teams.press(aino, button(ainoForm, "saveDraft"), {
      ...inputsShownOn(ainoForm),
      [inputIds.progress]: "30",
      [inputIds.verdict]: "onTrack",
    });
    assert.match(textOf(ainoSaved.card), /Luonnos tallennettu/);

    const conflict = await teams.press(leena, button(leenaForm, "saveDraft"), {
      ...inputsShownOn(leenaForm),
      [inputIds.progress]: "60",
      [inputIds.verdict]: "achieved",
    });
    const text = textOf(conflict.card);
    assert.match(text, /Aino Aaltonen tallensi luonnoksen/);
    assert.match(text, /Edistyminen: tallennettu \*\*30\s%\*\*, sinun \*\*60\s%\*\*/);
    assert.match(
      text,
      /Ennuste tavoitteen toteutumisesta: tallennettu \*\*Toteutumassa\*\*, sinun \*\*Toteutunut\*\*/,
    );
    assert.equal((await app.stores.reports.get(round.id, KAMPANJA))?.progress, 30, "nothing overwritten yet");

    const retried = await teams.press(
      leena,
      button(conflict.card, "saveDraft"),
      inputsShownOn(conflict.card),
    );
    assert.match(textOf(retried.card), /Luonnos tallennettu/);
    const stored = await app.stores.reports.get(round.id, KAMPANJA);
    assert.equal(stored?.progress, 60);
    assert.equal(stored?.updatedBy, "p-leena-salo");
  });

  it("answers chat commands in Finnish, Swedish and English and remembers the chosen language", async () => {
    const status = await teams.say(leena, "tila");
    assert.match(textOf(cardOf(status.replies[0])), /Tilanteesi[\s\S]*IKÄIHMISET[\s\S]*Lähetetty/);
    const swedish = await teams.say(leena, "språk sv");
    assert.match(String(swedish.replies[0]?.text), /svenska/);
    assert.equal((await app.stores.register.person("p-leena-salo"))?.language, "sv");
    const help = await teams.say(leena, "what?");
    assert.match(textOf(cardOf(help.replies[0])), /Tyvärr förstod jag inte[\s\S]*hjälp/);
    const report = await teams.say(leena, "report");
    assert.match(textOf(cardOf(report.replies[0])), /Prognos 3\/2020[\s\S]*Inskickad/);
    const english = await teams.say(leena, "language en");
    assert.match(String(english.replies[0]?.text), /English/);
    assert.match(textOf(cardOf((await teams.say(leena, "status")).replies[0])), /Your status/);
    await teams.say(leena, "kieli fi");
  });

  it("falls back to the Teams locale when the person chose no language, then to Finnish", async () => {
    await app.stores.register.savePerson({
      id: "p-nolang",
      upn: "nolang@example.org",
      displayName: "Nora Nolang",
    });
    const nora = teams.user({ key: "nora", upn: "nolang@example.org", name: "Nora Nolang" });
    assert.match(textOf(cardOf((await teams.say(nora, "help", "sv-SE")).replies[0])), /Målprognos/);
    assert.match(textOf(cardOf((await teams.say(nora, "help", "de-DE")).replies[0])), /Tavoite-ennuste/);
  });
});
