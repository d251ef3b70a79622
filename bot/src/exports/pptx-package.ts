// Tidies the package pptxgenjs 4.0.1 writes before it leaves the server. PowerPoint (unlike LibreOffice)
// asks to "repair" such files because of known generator defects (gitbrent/PptxGenJS #1443, #1444,
// #1449): [Content_Types].xml lists a slide master per slide although there is one, declares media
// types the deck does not contain, the notes master it always adds is rejected, and the zip holds
// folder entries, which an OPC package must not. The deck has no speaker notes, so the notes parts go.
// Only those few parts are rewritten; every other part keeps the compressed bytes pptxgenjs made.
// Remove this step when pptxgenjs writes clean packages (the tests check the package either way).
import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import JSZip from "jszip";

const NOTES = /^ppt\/(notesMasters|notesSlides)\//;

export async function repairPackage(buffer: Buffer, out: Writable): Promise<void> {
  const zip = await JSZip.loadAsync(buffer);
  for (const file of Object.values(zip.files)) {
    // A folder entry goes alone (remove() would take the folder's parts with it).
    if (file.dir) delete zip.files[file.name];
    else if (NOTES.test(file.name)) zip.remove(file.name);
  }
  const names = new Set(Object.keys(zip.files));
  const rewrite = async (name: string, change: (xml: string) => string): Promise<void> => {
    const file = zip.file(name);
    if (file) zip.file(name, change(await file.async("string")), { createFolders: false });
  };
  await rewrite("[Content_Types].xml", (xml) => contentTypes(xml, names));
  await rewrite("ppt/presentation.xml", (xml) =>
    xml.replace(/<p:notesMasterIdLst>.*?<\/p:notesMasterIdLst>/s, ""),
  );
  await rewrite("docProps/app.xml", (xml) => xml.replace(/<Notes>\d+<\/Notes>/, "<Notes>0</Notes>"));
  for (const name of names) if (name.endsWith(".rels")) await rewrite(name, withoutNotesRelationships);
  await pipeline(
    zip.generateNodeStream({ type: "nodebuffer", streamFiles: true, compression: "DEFLATE" }),
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
