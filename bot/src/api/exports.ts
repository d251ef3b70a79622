// GET /api/rounds/:roundId/export/summary.xlsx | summary.csv | deck.pptx | summary.json
//   ?lang=fi|sv|en  &theme=<id>[,<id>…]  &goal=<id>[,<id>…]  &delimiter=;|,  (CSV only)
// Managers and admins export the whole round's submitted reports; owners, substitutes and preparers
// only their own goals. Files are written to the response as they are made (see exports/).
import type { Response, Server } from "restify";
import { z } from "zod";
import { LANGUAGES } from "@goal-forecast/core/domain/model";
import { CSV_DELIMITERS, writeSummaryCsv } from "../exports/csv.js";
import { contentDisposition, exportFileName, type ExportKind } from "../exports/filename.js";
import type { DeckRenderer } from "../exports/deck-renderer.js";
import { buildExportModel, type ExportModel } from "../exports/model.js";
import { loadExportScope } from "../reporting/export-scope.js";
import { writeSummaryXlsx } from "../exports/xlsx.js";
import type { ApiDeps } from "./context.js";
import { HttpError, idSchema, parse, pathParam, query, route, type RequestContext } from "./http.js";

/** `goal=a,b` and `goal=a&goal=b` both give ["a", "b"]. */
const idList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(",")).map((s) => s.trim()))
  .pipe(z.array(idSchema).min(1).max(500));

const baseQuery = z.object({
  lang: z.enum(LANGUAGES).optional(),
  theme: idList.optional(),
  goal: idList.optional(),
});
const csvQuery = baseQuery.extend({ delimiter: z.enum(CSV_DELIMITERS).optional() }).strict();
const strictQuery = baseQuery.strict();

interface Format {
  path: string;
  kind: ExportKind;
  extension: string;
  contentType: string;
  schema: typeof strictQuery | typeof csvQuery;
  /** `gone` aborts when the client disconnects before the file is written. */
  write(model: ExportModel, res: Response, query: z.infer<typeof csvQuery>, gone: AbortSignal): Promise<void>;
}

const formats = (decks: DeckRenderer): Format[] => [
  {
    path: "summary.xlsx",
    kind: "summary",
    extension: "xlsx",
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    schema: strictQuery,
    write: (model, res) => writeSummaryXlsx(model, res),
  },
  {
    path: "summary.csv",
    kind: "summary",
    extension: "csv",
    contentType: "text/csv; charset=utf-8; header=present",
    schema: csvQuery,
    // Finnish and Swedish Excel expect ";" (the decimal separator is a comma); English ",".
    write: (model, res, q) => writeSummaryCsv(model, res, q.delimiter ?? (model.lang === "en" ? "," : ";")),
  },
  {
    path: "deck.pptx",
    kind: "deck",
    extension: "pptx",
    contentType: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    schema: strictQuery,
    // In a worker thread, a few at a time (exports/deck-renderer.ts): a large deck is seconds of CPU.
    write: async (model, res, _q, gone) => void (await decks.render(model, res, gone)),
  },
];

export function exportRoutes(server: Server, deps: ApiDeps, decks: DeckRenderer): void {
  const { stores } = deps;

  /** The export model of the request, after authentication, input checks and access rules. */
  async function modelFor(
    ctx: RequestContext,
    schema: typeof strictQuery | typeof csvQuery,
  ): Promise<{
    model: ExportModel;
    query: z.infer<typeof csvQuery>;
  }> {
    const principal = await ctx.principal();
    const q = parse(schema, query(ctx.req));
    const lang = q.lang ?? principal.person?.language ?? ctx.lang;
    const result = await loadExportScope(
      stores,
      pathParam(ctx.req, "roundId"),
      principal,
      { ...(q.theme ? { themeIds: q.theme } : {}), ...(q.goal ? { goalIds: q.goal } : {}) },
      lang,
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
        return { model: buildExportModel({ ...result.scope, lang, now: new Date() }), query: q };
    }
  }

  for (const format of formats(decks)) {
    server.get(
      `/api/rounds/:roundId/export/${format.path}`,
      route(deps, async (ctx) => {
        const { model, query: q } = await modelFor(ctx, format.schema);
        const gone = new AbortController();
        ctx.res.once("close", () => {
          if (!ctx.res.writableFinished) gone.abort();
        });
        ctx.res.writeHead(200, {
          "Content-Type": format.contentType,
          "Content-Disposition": contentDisposition(exportFileName(model, format.kind, format.extension)),
          "Cache-Control": "private, no-store",
        });
        await format.write(model, ctx.res, q, gone.signal);
        return undefined;
      }),
    );
  }

  server.get(
    "/api/rounds/:roundId/export/summary.json",
    route(deps, async (ctx) => {
      const { model } = await modelFor(ctx, strictQuery);
      ctx.res.header("Cache-Control", "private, no-store");
      return model;
    }),
  );
}
