// The board's documents of a round (contract/exports.ts). Managers and admins export the whole
// round's submitted reports; owners, substitutes and preparers only their own goals. Files are
// written to the response as they are made (see exports/).
import type { Response } from "restify";
import { contract } from "@goal-forecast/core/contract";
import type { ExportQuery } from "@goal-forecast/core/contract/exports";
import { FILE_TYPES } from "@goal-forecast/core/contract/file-types";
import type { Language } from "@goal-forecast/core/domain/model";
import type { Principal } from "../auth/principal.js";
import { writeSummaryCsv } from "../exports/csv.js";
import { contentDisposition, exportFileName, type ExportKind } from "../exports/filename.js";
import type { DeckRenderer } from "../exports/deck-renderer.js";
import { buildExportModel, type ExportModel } from "../exports/model.js";
import { loadExportScope } from "../reporting/export-scope.js";
import { writeSummaryXlsx } from "../exports/xlsx.js";
import type { Stores } from "../storage/index.js";
import { HttpError } from "./http.js";
import type { FileResult, Implement } from "./implement.js";

interface ParsedQuery {
  lang?: Language | undefined;
  theme?: string[] | undefined;
  goal?: string[] | undefined;
  delimiter?: ExportQuery["delimiter"];
}

export function exportRoutes(implement: Implement, stores: Stores, decks: DeckRenderer): void {
  const c = contract.exports;

  /** The export model of the request, after the access rules. */
  async function modelFor(roundId: string, principal: Principal, q: ParsedQuery, lang: Language) {
    const exportLang = q.lang ?? principal.person?.language ?? lang;
    const result = await loadExportScope(
      stores,
      roundId,
      principal,
      { ...(q.theme ? { themeIds: q.theme } : {}), ...(q.goal ? { goalIds: q.goal } : {}) },
      exportLang,
    );
    switch (result.kind) {
      case "notFound":
        throw new HttpError("notFound");
      case "forbidden":
        throw new HttpError("forbidden");
      case "unknownFilter":
        throw new HttpError("badRequest", [{ field: result.field, code: "invalidChoice" }], {
          values: result.values,
        });
      case "ok":
        return buildExportModel({ ...result.scope, lang: exportLang, now: new Date() });
    }
  }

  const file = (
    model: ExportModel,
    kind: ExportKind,
    extension: string,
    contentType: string,
    write: FileResult["body"],
  ): FileResult => ({
    contentType,
    disposition: contentDisposition(exportFileName(model, kind, extension)),
    body: write,
  });

  implement(c.summaryXlsx, async ({ params, query, principal, lang }) => {
    const model = await modelFor(params.roundId, principal, query, lang);
    return file(model, "summary", "xlsx", FILE_TYPES.xlsx, (res: Response) => writeSummaryXlsx(model, res));
  });

  implement(c.summaryCsv, async ({ params, query, principal, lang }) => {
    const model = await modelFor(params.roundId, principal, query, lang);
    // Finnish and Swedish Excel expect ";" (the decimal separator is a comma); English ",".
    const delimiter = query.delimiter ?? (model.lang === "en" ? "," : ";");
    return file(
      model,
      "summary",
      "csv",
      `${FILE_TYPES.csv}; charset=utf-8; header=present`,
      (res: Response) => writeSummaryCsv(model, res, delimiter),
    );
  });

  // In a worker thread, a few at a time (exports/deck-renderer.ts): a large deck is seconds of CPU.
  implement(c.deck, async ({ params, query, principal, lang }) => {
    const model = await modelFor(params.roundId, principal, query, lang);
    return file(
      model,
      "deck",
      "pptx",
      FILE_TYPES.pptx,
      async (res: Response, gone) => void (await decks.render(model, res, gone)),
    );
  });

  // The model itself, as the tab's "JSON behind the view" and for scripts.
  implement(c.summaryJson, async ({ params, query, principal, lang }) => {
    const model = await modelFor(params.roundId, principal, query, lang);
    return { contentType: `${FILE_TYPES.json}; charset=utf-8`, body: Buffer.from(JSON.stringify(model)) };
  });
}
