import assert from "node:assert/strict";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import JSZip from "jszip";
import { startTestApp, type TestApp } from "../../support/app.js";
import { download, MANAGER } from "./download.js";

type Node = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", preserveOrder: true });

/** Children of a preserveOrder node: [{ "a:p": [...children], ":@": {attributes} }, …]. */
const name = (node: Node): string => Object.keys(node).find((k) => k !== ":@") ?? "";
const children = (node: Node): Node[] => (node[name(node)] as Node[] | undefined) ?? [];
function* walk(nodes: Node[]): Generator<Node> {
  for (const node of nodes) {
    yield node;
    if (Array.isArray(node[name(node)])) yield* walk(children(node));
  }
}
const textOf = (nodes: Node[]): string =>
  [...walk(nodes)]
    .filter((n) => name(n) === "a:t")
    .map((n) =>
      children(n)
        .map((c) => String(c["#text"] ?? ""))
        .join(""),
    )
    .join(" ")
    .replace(/[\u00a0\u202f]/g, " ");

interface ParsedSlide {
  title: string;
  text: string;
  shapes: Node[];
  paragraphs: Node[];
  langs: Set<string>;
}

async function openDeck(buffer: Buffer) {
  const zip = await JSZip.loadAsync(buffer);
  const names = Object.keys(zip.files);
  const slideCount = names.filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n)).length;
  const slides: ParsedSlide[] = [];
  for (let i = 1; i <= slideCount; i++) {
    const tree = parser.parse(await zip.file(`ppt/slides/slide${i}.xml`)!.async("string")) as Node[];
    const shapes = [...walk(tree)].filter((n) => name(n) === "p:sp");
    const titleShape = shapes.find((sp) =>
      [...walk(children(sp))].some((n) => name(n) === "p:ph" && (n[":@"] as Node)?.["@type"] === "title"),
    );
    slides.push({
      title: titleShape ? textOf(children(titleShape)) : "",
      text: textOf(tree),
      shapes,
      paragraphs: [...walk(tree)].filter((n) => name(n) === "a:p"),
      // The language of every text run (the slide-number field is a number in any language).
      langs: new Set(
        [...walk(tree)]
          .filter((n) => name(n) === "a:r")
          .flatMap((r) => children(r).filter((c) => name(c) === "a:rPr"))
          .map((n) => String((n[":@"] as Node)?.["@lang"] ?? "")),
      ),
    });
  }
  const presentation = parser.parse(await zip.file("ppt/presentation.xml")!.async("string")) as Node[];
  const size = [...walk(presentation)].find((n) => name(n) === "p:sldSz")![":@"] as Node;
  return { zip, names, slides, size: { cx: Number(size["@cx"]), cy: Number(size["@cy"]) } };
}

/** The slides of each subject: its main slide and the continuation slides right after it. */
function slidesBySubject(slides: ParsedSlide[]): Map<string, ParsedSlide[]> {
  const result = new Map<string, ParsedSlide[]>();
  for (const slide of slides.slice(1)) result.set(slide.title, [...(result.get(slide.title) ?? []), slide]);
  return result;
}

describe("deck export (PPTX) of the demo round", () => {
  let app: TestApp;
  let subjects: { subjectId: string; title: string }[];

  before(async () => {
    app = await startTestApp();
    const model = (await download(app, "/api/rounds/2020-2/export/summary.json?lang=fi", MANAGER)).json as {
      subjects: { subjectId: string; title: string }[];
    };
    subjects = model.subjects;
  });

  after(async () => {
    await app.close();
  });

  it("is a clean package: every part present and well-formed, no notes, folders or dangling references", async () => {
    const res = await download(app, "/api/rounds/2020-2/export/deck.pptx?lang=fi", MANAGER);
    assert.equal(res.status, 200);
    assert.equal(
      res.headers.get("content-type"),
      "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    );
    assert.match(res.headers.get("content-disposition") ?? "", /filename="Ennuste_2-2020_kalvot\.pptx"/);
    const { zip, names } = await openDeck(res.body);
    assert.deepEqual(
      names.filter((n) => zip.files[n]!.dir),
      [],
      "no folder entries (OPC has parts only)",
    );
    assert.deepEqual(
      names.filter((n) => /notes/i.test(n)),
      [],
      "no notes parts",
    );
    const parts = new Set(names);
    for (const part of names.filter((n) => n.endsWith(".xml") || n.endsWith(".rels"))) {
      const xml = await zip.file(part)!.async("string");
      assert.equal(XMLValidator.validate(xml), true, `${part} is well-formed XML`);
      if (!part.endsWith(".rels")) continue;
      const base = part.replace(/_rels\/[^/]*\.rels$/, "");
      for (const [, target, mode] of xml.matchAll(/Target="([^"]+)"(?: TargetMode="([^"]+)")?/g)) {
        if (mode === "External") continue;
        const resolved = new URL(target!, `http://x/${base}`).pathname.slice(1);
        assert.ok(parts.has(resolved), `${part} → ${target} exists`);
      }
    }
    let uncompressed = 0;
    for (const part of names) uncompressed += (await zip.file(part)!.async("uint8array")).length;
    assert.ok(res.body.length * 4 < uncompressed, "the parts are compressed");
    const types = await zip.file("[Content_Types].xml")!.async("string");
    for (const [, part] of types.matchAll(/PartName="\/([^"]+)"/g))
      assert.ok(parts.has(part!), `content type of ${part} names a part`);
  });

  it("has a title slide and one slide per goal or project, continued on the next slide only when it does not fit", async () => {
    const { slides, size } = await openDeck(
      (await download(app, "/api/rounds/2020-2/export/deck.pptx?lang=fi", MANAGER)).body,
    );
    assert.equal(slides[0]!.title, "Sitovat toiminnan tavoitteet 2020");
    assert.match(slides[0]!.text, /Ennuste 2\/2020: ennuste tavoitteiden toteutumisesta/);
    assert.match(slides[0]!.text, /8 \/ 8 ennustetta annettu/);

    const bySubject = slidesBySubject(slides);
    assert.deepEqual(
      [...bySubject.keys()],
      subjects.map((s) => s.title),
      "the subjects in the round's order",
    );
    let expected = 1;
    for (const [title, own] of bySubject) {
      expected += own.length;
      // The main slide first; continuation slides say so and count up to the total.
      assert.doesNotMatch(own[0]!.text, /jatkuu,/, title);
      own
        .slice(1)
        .forEach((slide, i) => assert.match(slide.text, new RegExp(`jatkuu, ${i + 2}/${own.length}`), title));
      assert.ok(own.length <= 2, `${title}: the demo reports need at most one continuation slide`);
    }
    assert.equal(slides.length, expected);

    // Nothing is placed outside the slide.
    for (const slide of slides)
      for (const sp of slide.shapes) {
        const xfrm = [...walk(children(sp))].filter((n) => name(n) === "a:off" || name(n) === "a:ext");
        const off = xfrm.find((n) => name(n) === "a:off")?.[":@"] as Node | undefined;
        const ext = xfrm.find((n) => name(n) === "a:ext")?.[":@"] as Node | undefined;
        if (!off || !ext) continue;
        assert.ok(
          Number(off["@x"]) >= 0 && Number(off["@x"]) + Number(ext["@cx"]) <= size.cx + 1,
          `${slide.title}: x`,
        );
        assert.ok(
          Number(off["@y"]) >= 0 && Number(off["@y"]) + Number(ext["@cy"]) <= size.cy + 1,
          `${slide.title}: y`,
        );
      }
  });

  it("carries the seeds' milestones, bar labels, owners and verdicts", async () => {
    const { slides } = await openDeck(
      (await download(app, "/api/rounds/2020-2/export/deck.pptx?lang=fi", MANAGER)).body,
    );
    const bySubject = slidesBySubject(slides);
    const all = (title: string): string => (bySubject.get(title) ?? []).map((s) => s.text).join(" ");
    const digi = all("Digitalisaatio");
    for (const expected of [
      "Sitova tavoite:",
      "Palveluja parannetaan asiakaskokemuksen perusteella",
      "Osatavoite:",
      "TEKEMÄTTÄ",
      "TEKEILLÄ",
      "TEHTY",
      "Edistyminen 70 %",
      "TAVOITETASO SAAVUTETTU",
      "POC TEHTY",
      "1. Etätyöskentelyn lisääntyminen: Teamsin käyttöönotto",
      "(2 / 7 palvelua)",
      "Saavutettu 30.4.2020.",
      "Omistajat: Aino Aaltonen, Veera Kivinen",
      "Valmistelu: Olli Harju, Sanna Lehto",
      "Raportoinut Aino Aaltonen 22.6.2020",
      "Ennuste tavoitteiden toteutumisesta",
      "Toteutumassa",
      "Riskit ja niihin varautuminen",
      "Varautuminen:",
    ])
      assert.ok(digi.includes(expected), `Digitalisaatio: ${expected}`);
    assert.ok(all("Biennaali").includes("Ei toteudu"));
    const seniors = all("IKÄIHMISET: Palvelutorien malli ja toteutuneet tapahtumat (4)");
    assert.ok(seniors.includes("Uudistuvat palvelut · Liikkumisohjelma"), "a project slide names its goal");
    assert.ok(seniors.includes("Ei toteudu"));
    assert.ok(seniors.includes("Konseptin kehittäminen ja tapahtumien aikatauluttaminen"));
    assert.ok(
      all("PIENET LAPSET: Perhehulinat malli ja toteutuneet tapahtumat (8)").includes(
        "Perhehulinamalli käynnissä kahdella alueella",
      ),
    );
    assert.ok(
      all(subjects.find((s) => s.subjectId === "2020-liikkumisohjelma-nuoret")!.title).includes(
        "Toteutuminen epävarma",
      ),
    );
    for (const slide of slides) assert.deepEqual([...slide.langs], ["fi-FI"], "the text is marked Finnish");
  });

  it("writes paragraphs PowerPoint accepts: one paragraph-properties element, first; every shape with a text body", async () => {
    const { slides } = await openDeck(
      (await download(app, "/api/rounds/2020-2/export/deck.pptx", MANAGER)).body,
    );
    for (const slide of slides) {
      for (const p of slide.paragraphs) {
        const kinds = children(p).map(name);
        const pPr = kinds.filter((k) => k === "a:pPr").length;
        assert.ok(pPr <= 1 && (pPr === 0 || kinds[0] === "a:pPr"), `${slide.title}: ${kinds.join(",")}`);
      }
      for (const sp of slide.shapes)
        assert.ok(
          children(sp).some((c) => name(c) === "p:txBody"),
          `${slide.title}: shape without text body`,
        );
    }
  });

  it("speaks Swedish and English, column headings and verdicts included", async () => {
    const sv = await openDeck(
      (await download(app, "/api/rounds/2020-2/export/deck.pptx?lang=sv", MANAGER)).body,
    );
    assert.equal(sv.slides[0]!.title, "Bindande verksamhetsmål 2020");
    const svText = sv.slides.map((s) => s.text).join(" ");
    for (const expected of [
      "INTE PÅBÖRJAT",
      "PÅGÅR",
      "KLART",
      "Uppnås inte",
      "På väg att uppnås",
      "Risker och beredskap",
      "Ägare:",
    ])
      assert.ok(svText.includes(expected), `sv: ${expected}`);
    assert.deepEqual([...sv.slides[1]!.langs], ["sv-FI"]);

    const enRes = await download(
      app,
      "/api/rounds/2020-2/export/deck.pptx?lang=en&goal=2020-liikkumisohjelma",
      MANAGER,
    );
    assert.match(
      enRes.headers.get("content-disposition") ?? "",
      /filename="Forecast_2-2020_deck_Liikkumisohjelma\.pptx"/,
    );
    const en = await openDeck(enRes.body);
    const enText = en.slides.map((s) => s.text).join(" ");
    for (const expected of [
      "NOT STARTED",
      "IN PROGRESS",
      "DONE",
      "Will not be achieved",
      "At risk",
      "Forecast of achievement",
      "Owners:",
    ])
      assert.ok(enText.includes(expected), `en: ${expected}`);
    assert.deepEqual(
      [...slidesBySubject(en.slides).keys()],
      subjects.filter((s) => s.subjectId.startsWith("2020-liikkumisohjelma-")).map((s) => s.title),
      "one goal: its four projects",
    );
  });
});
