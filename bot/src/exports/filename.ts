// File names of the exports, e.g. "Ennuste 2-2020 yhteenveto.xlsx", sent in a Content-Disposition
// header that old clients read as plain ASCII and new ones as UTF-8 (RFC 6266 / RFC 5987).
import { translator } from "@goal-forecast/core/i18n";
import type { ExportModel } from "./model.js";

export type ExportKind = "summary" | "deck";

/** The file name in the export's language: round, kind, and the goal or theme when limited to one. */
export function exportFileName(model: ExportModel, kind: ExportKind, extension: string): string {
  const t = translator(model.lang);
  const parts = [model.round.name, t(`exports:file.${kind}`)];
  const goals = new Set(model.subjects.map((s) => s.goalId));
  const themes = new Set(model.subjects.map((s) => s.themeId));
  if (model.scopeNotes.length > 0 && goals.size === 1) parts.push(model.subjects[0]!.goalTitle);
  else if (model.scopeNotes.length > 0 && themes.size === 1) parts.push(model.subjects[0]!.themeName);
  const name = parts
    .join(" ")
    .replace(/[\\/:*?"<>|]+/g, "-")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 120);
  return `${name}.${extension}`;
}

/** `attachment; filename="ascii"; filename*=UTF-8''percent-encoded`. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9 ._-]+/g, "-")
    .replace(/ /g, "_");
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
