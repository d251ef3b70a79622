// The HTTP server: REST API, bot endpoint and the built tab, on one restify server.
// createServer() builds it without listening, so tests and the process entry point share it.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import restify, { type Next, type Request, type RequestHandler, type Response, type Server } from "restify";
import type { Logger } from "./logging.js";
import { sendError, requestLanguage } from "./api/http.js";
import { tabPageWithNonce } from "./api/content-security.js";

/** The bot's HTTP endpoint, implemented in teams/ (the only place that knows botbuilder). */
export interface BotEndpoint {
  process(req: Request, res: Response): Promise<void>;
}

export interface ServerOptions {
  logger: Logger;
  /** Folder of the built tab (vite build output), served at /. */
  tabDir?: string;
  /** Largest JSON body accepted, in bytes. Uploads have their own limit. */
  maxBodyBytes?: number;
  maxUploadBytes?: number;
}

/** Paths that take file uploads (import) and so get the larger body limit. */
const UPLOAD_PATHS = /^\/api\/admin\/import/;

export function createServer(options: ServerOptions): Server {
  const server = restify.createServer({ name: "goal-forecast", handleUncaughtExceptions: false });
  const { logger } = options;

  // restify's body parser crashes the process on a broken gzip body (restify#1975): refuse encodings.
  server.pre((req: Request, res: Response, next: Next) => {
    const encoding = (req.header("content-encoding") ?? "identity").trim().toLowerCase();
    if (encoding !== "identity" && encoding !== "") {
      sendError(res, "unsupportedMediaType", requestLanguage(req));
      return next(false);
    }
    return next();
  });

  server.use((req: Request, res: Response, next: Next) => {
    res.header("X-Content-Type-Options", "nosniff");
    res.header("Referrer-Policy", "no-referrer");
    return next();
  });

  const small = restify.plugins.bodyParser({
    maxBodySize: options.maxBodyBytes ?? 512 * 1024,
    mapParams: false,
    mapFiles: false,
  });
  // Uploads are read as bytes whatever their Content-Type: restify's parsers would decode text/* as
  // UTF-8 (losing a Windows-1252 file's ä and ö) and parse text/csv themselves.
  const large = rawBody(options.maxUploadBytes ?? 12 * 1024 * 1024);
  // The query first: a body refused as too large is still answered in the ?lang= asked for.
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use((req: Request, res: Response, next: Next) =>
    runChain(UPLOAD_PATHS.test(req.path()) ? large : small, req, res, next),
  );

  server.on("after", (req: Request, res: Response) => {
    logger.debug(
      { method: req.method, path: req.path(), status: res.statusCode, ms: Date.now() - req.time() },
      "request",
    );
  });
  // Errors restify raises itself (body too large, bad JSON, no route): answered in the person's language.
  server.on(
    "restifyError",
    (req: Request, res: Response, err: { statusCode?: number; message?: string }, callback: () => void) => {
      const status = err.statusCode ?? 500;
      if (!res.headersSent) {
        const lang = requestLanguage(req);
        // No such route here at all (not a missing record): the tab then says the feature is not available.
        const unknownRoute = req.path().startsWith("/api/") ? { unknownRoute: true } : {};
        if (status === 413) sendError(res, "tooLarge", lang);
        else if (status === 404 || status === 405) sendError(res, "notFound", lang, [], unknownRoute);
        else if (status === 415) sendError(res, "unsupportedMediaType", lang);
        else if (status >= 400 && status < 500) sendError(res, "badRequest", lang);
        else {
          logger.error({ err, path: req.path() }, "unhandled server error");
          sendError(res, "internal", lang);
        }
      }
      return callback();
    },
  );

  return server;
}

/** Serves the built tab at / (after the API routes, so /api/* always wins). */
export function serveTab(server: Server, tabDir: string | undefined, logger: Logger): void {
  if (!tabDir || !existsSync(tabDir)) {
    logger.warn({ tabDir }, "tab not built: run `npm run build:tab`; the API and bot still work");
    return;
  }
  // The page itself carries a per-request CSP nonce (api/content-security.ts); assets are static files.
  const page = async (_req: Request, res: Response): Promise<void> => {
    try {
      const { html, policy } = tabPageWithNonce(await readFile(join(tabDir, "index.html"), "utf8"));
      res.setHeader("Content-Security-Policy", policy); // replaces the nonce-less default
      res.header("Cache-Control", "no-store");
      res.header("Content-Type", "text/html; charset=utf-8");
      res.sendRaw(200, html);
    } catch (error) {
      logger.error({ err: error }, "tab page not readable");
      res.sendRaw(503, "Goal Forecast: the tab is not available right now.");
    }
  };
  server.get("/", page);
  server.get("/index.html", page);
  server.get("/*", restify.plugins.serveStaticFiles(tabDir, { maxAge: 0 }));
}

/** Reads the request body into a Buffer at `req.body`; 413 beyond `maxBytes` (the rest is drained). */
function rawBody(maxBytes: number): RequestHandler {
  return (req: Request, res: Response, next: Next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    req.once("error", (error: Error) => next(error));
    req.once("end", () => {
      if (size > maxBytes) {
        sendError(res, "tooLarge", requestLanguage(req), [], { maxBytes });
        return next(false);
      }
      (req as Request & { body: unknown }).body = Buffer.concat(chunks);
      return next();
    });
  };
}

function runChain(chain: RequestHandler | RequestHandler[], req: Request, res: Response, next: Next): void {
  const handlers = Array.isArray(chain) ? chain : [chain];
  let i = 0;
  const step = (err?: unknown): void => {
    if (err !== undefined && err !== null) return next(err as Error);
    const handler = handlers[i++];
    if (!handler) return next();
    try {
      void (handler as (req: Request, res: Response, next: Next) => unknown)(req, res, step as Next);
    } catch (error) {
      next(error as Error);
    }
  };
  step();
}
