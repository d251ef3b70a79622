// Registers the routes of the contract (core/src/contract) on restify: one handler per declared
// endpoint, with the declared method and path. Before a handler runs, the caller is authenticated and
// their access level checked, then path, query and body are parsed with the declared schemas (bad
// input is a 400 in the requester's language, http.ts). What the handler returns is sent as JSON, or
// as the declared file type.
import type { Request, Response, Server } from "restify";
import { z } from "zod";
import { isAdmin, isManager } from "@goal-forecast/core/domain/access";
import type { Language } from "@goal-forecast/core/domain/model";
import {
  idSchema,
  isFileResponse,
  type BodyOf,
  type Endpoint,
  type ParamsOf,
  type QueryOf,
} from "@goal-forecast/core/contract";
import type { Principal } from "../auth/principal.js";
import { HttpError, parse, route, type HttpDeps } from "./http.js";

/** The signed-in person where the access level needs one. */
type PrincipalOf<E extends Endpoint> = E["access"] extends "public" | "development" | "bot"
  ? undefined
  : Principal;

export interface HandlerInput<E extends Endpoint> {
  params: ParamsOf<E>;
  query: QueryOf<E>;
  body: BodyOf<E>;
  principal: PrincipalOf<E>;
  /** The requester's language (?lang=, Accept-Language, else Finnish). */
  lang: Language;
  req: Request;
  res: Response;
}

/** A success with another status than the declared one (e.g. 201 when a PUT created the record). */
export class Reply<T> {
  constructor(
    readonly status: number,
    readonly body: T,
  ) {}
}

/** A download: its type (one of those declared), name, and the bytes or a writer that streams them. */
export interface FileResult {
  contentType: string;
  /** Content-Disposition of the answer (attachment with the file name), when it is a file to save. */
  disposition?: string;
  cacheControl?: string;
  body: Uint8Array | ((res: Response, gone: AbortSignal) => Promise<void>);
}

type Answer<E extends Endpoint> = E extends { response: infer R }
  ? R extends z.ZodType
    ? z.input<R> | Reply<z.input<R>>
    : FileResult
  : void;

export type Handler<E extends Endpoint> = (input: HandlerInput<E>) => Promise<Answer<E>>;

export type Implement = (<E extends Endpoint>(endpoint: E, handler: Handler<E>) => void) & {
  /** A route whose handler reads the request itself (the bot's endpoint: Bot Framework checks it). */
  raw(endpoint: Endpoint, handler: (req: Request, res: Response) => Promise<void>): void;
};

export function implementer(server: Server, deps: HttpDeps): Implement {
  const on = (e: Endpoint, handler: (req: Request, res: Response) => Promise<void>): void => {
    switch (e.method) {
      case "get":
        server.get(e.path, handler);
        break;
      case "post":
        server.post(e.path, handler);
        break;
      case "put":
        server.put(e.path, handler);
        break;
      case "delete":
        server.del(e.path, handler);
        break;
    }
  };

  const implement = <E extends Endpoint>(e: E, handler: Handler<E>): void =>
    on(
      e,
      route(deps, async (ctx) => {
        const principal = await authorize(e, ctx.principal);
        const params = parse(
          z.object(Object.fromEntries(e.params.map((n) => [n, idSchema]))),
          ctx.req.params,
          "path",
        );
        const query = e.query ? parse(e.query, queryOf(ctx.req), "query") : undefined;
        const body = e.body ? parse(e.body, bodyOf(ctx.req), "body") : undefined;
        const answer = await handler({
          params: params as ParamsOf<E>,
          query: query as QueryOf<E>,
          body: body as BodyOf<E>,
          principal: principal as PrincipalOf<E>,
          lang: ctx.lang,
          req: ctx.req,
          res: ctx.res,
        });
        if (isFileResponse(e.response)) {
          await sendFile(e.response.file, answer as FileResult, ctx.res);
        } else if (e.response && !ctx.res.headersSent) {
          const reply: unknown = answer;
          if (reply instanceof Reply) ctx.res.send(reply.status, reply.body);
          else ctx.res.send(e.status ?? 200, answer);
        }
        return undefined;
      }),
    );

  return Object.assign(implement, { raw: on });
}

async function authorize(e: Endpoint, principal: () => Promise<Principal>): Promise<Principal | undefined> {
  switch (e.access) {
    case "public":
    case "development":
    case "bot":
      return undefined;
    case "signedIn":
      return principal();
    case "manager": {
      const p = await principal();
      if (!isManager(p)) throw new HttpError("forbidden");
      return p;
    }
    case "admin": {
      const p = await principal();
      if (!isAdmin(p)) throw new HttpError("forbidden");
      return p;
    }
  }
}

/** restify leaves an absent body as undefined or ""; a JSON "" sent on purpose is a body. */
/**
 * The query as restify's parser read it, plus a parameter without a name ("?=0"), which that parser
 * drops: a strict query refuses it, as OpenAPI (no such property) does.
 */
function queryOf(req: Request): Record<string, unknown> {
  const query = (req.query ?? {}) as Record<string, unknown>;
  const nameless = new URLSearchParams(req.getQuery()).getAll("");
  return nameless.length > 0 ? { ...query, "": nameless.length === 1 ? nameless[0] : nameless } : query;
}

function bodyOf(req: Request): unknown {
  const body: unknown = req.body;
  const sent = Number(req.header("content-length") || 0) > 0 || req.isChunked();
  return body === "" && !sent ? undefined : body;
}

async function sendFile(declared: readonly string[], file: FileResult, res: Response): Promise<void> {
  const type = file.contentType.split(";")[0]?.trim();
  if (!type || !declared.includes(type)) throw new Error(`undeclared content type ${file.contentType}`);
  const headers: Record<string, string | number> = {
    "Content-Type": file.contentType,
    "Cache-Control": file.cacheControl ?? "private, no-store",
  };
  if (file.disposition) headers["Content-Disposition"] = file.disposition;
  if (file.body instanceof Uint8Array) {
    res.writeHead(200, { ...headers, "Content-Length": file.body.length });
    res.end(file.body);
    return;
  }
  // Streamed as it is made; `gone` aborts the work when the client disconnects before the end.
  const gone = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) gone.abort();
  });
  res.writeHead(200, headers);
  await file.body(res, gone.signal);
}
