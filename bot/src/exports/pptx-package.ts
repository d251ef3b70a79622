// Tidies the package pptxgenjs 4.0.1 writes before it leaves the server. PowerPoint (unlike LibreOffice)
// asks to "repair" such files because of known generator defects (gitbrent/PptxGenJS #1443, #1444,
// #1449): [Content_Types].xml lists a slide master per slide although there is one, declares media
// types the deck does not contain, the notes master it always adds is rejected, and the zip holds
// folder entries, which an OPC package must not. The deck has no speaker notes, so the notes parts go.
// Remove this step when pptxgenjs writes clean packages (the tests check the package either way).
import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import JSZip from "jszip";

const NOTES = /^ppt\/(notesMasters|notesSlides)\//;

export async function repairPackage(buffer: Buffer, out: Writable): Promise<void> {
  const source = await JSZip.loadAsync(buffer);
  const target = new JSZip();
  const parts = Object.values(source.files).filter((f) => !f.dir && !NOTES.test(f.name));
  const names = new Set(parts.map((f) => f.name));
  for (const file of parts) {
    if (file.name === "[Content_Types].xml") {
      target.file(file.name, contentTypes(await file.async("string"), names), { createFolders: false });
    } else if (file.name === "ppt/presentation.xml") {
      const xml = (await file.async("string")).replace(/<p:notesMasterIdLst>.*?<\/p:notesMasterIdLst>/s, "");
      target.file(file.name, xml, { createFolders: false });
    } else if (file.name.endsWith(".rels")) {
      target.file(file.name, withoutNotesRelationships(await file.async("string")), { createFolders: false });
    } else if (file.name === "docProps/app.xml") {
      target.file(
        file.name,
        (await file.async("string")).replace(/<Notes>\d+<\/Notes>/, "<Notes>0</Notes>"),
        {
          createFolders: false,
        },
      );
    } else {
      target.file(file.name, await file.async("nodebuffer"), { createFolders: false });
    }
  }
  await pipeline(
    target.generateNodeStream({ type: "nodebuffer", streamFiles: true, compression: "DEFLATE" }),
    out,
  );
}

/** Keeps the overrides of parts that exist and the default types of extensions some part has. */
function contentTypes(xml: string, names: ReadonlySet<string>): string {
  const extensions = new Set([...names].map((n) => n.slice(n.lastIndexOf(".") + 1).toLowerCase()));
  return xml
    .replace(/<Override PartName="\/([^"]+)"[^>]*\/>/g, (match, part: string) =>
      names.has(part) ? match : "",
    )
    .replace(/<Default Extension="([^"]+)"[^>]*\/>/g, (match, ext: string) =>
      extensions.has(ext.toLowerCase()) ? match : "",
    );
}

function withoutNotesRelationships(xml: string): string {
  return xml.replace(/\s*<Relationship [^>]*Type="[^"]*\/(notesMaster|notesSlide)"[^>]*\/>/g, "");
}
