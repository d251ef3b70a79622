// One declaration per REST route: method, path, who may call it, and the zod schemas of what it takes
// and answers. The server registers and checks routes from it (bot/src/api/implement.ts), OpenAPI is
// generated from it (bot/src/api/openapi.ts), and the tab and the CLI call routes through it.
import { z } from "zod";

/**
 * Who may call a route. signedIn: any valid token (the answer is scoped to what the person may see);
 * manager: managers and admins; admin: admins only; development: only when the server runs the
 * development token issuer; bot: Bot Framework tokens (Teams); public: no token.
 */
export type Access = "public" | "development" | "bot" | "signedIn" | "manager" | "admin";

export type Method = "get" | "post" | "put" | "delete";

export type Tag =
  "system" | "register" | "rounds" | "reports" | "views" | "exports" | "admin" | "development";

/** A download: the content types the route answers with instead of JSON. */
export interface FileResponse {
  file: readonly string[];
}

/** Names of the `:params` of a restify path. */
export type PathParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** Ids in paths: the characters table keys allow and ids are made of. */
export const idSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/);

export interface EndpointDefinition {
  /** Unique; the OpenAPI operationId. */
  name: string;
  method: Method;
  /** restify path, e.g. /api/rounds/:roundId; every :param is an id (idSchema). */
  path: string;
  access: Access;
  tag: Tag;
  summary: string;
  description?: string;
  query?: z.ZodObject;
  /** JSON body; `.optional()` when the route may be called without one. */
  body?: z.ZodType;
  /** A raw upload (file) instead of JSON: the content types taken. */
  upload?: readonly string[];
  /** JSON answer, or a download. */
  response?: z.ZodType | FileResponse;
  /** Status of a success (200 unless said). */
  status?: 200 | 201 | 202;
  /** Error statuses beyond those the access level, path and method imply (OpenAPI only). */
  errors?: readonly number[];
}

export type Endpoint<D extends EndpointDefinition = EndpointDefinition> = D & {
  /** Path parameters in path order. */
  readonly params: readonly (string extends D["path"] ? string : PathParamNames<D["path"]>)[];
};

export function endpoint<const D extends EndpointDefinition>(definition: D): Endpoint<D> {
  const params = [...definition.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1] ?? "");
  return { ...definition, params: params as Endpoint<D>["params"] };
}

export function isFileResponse(response: EndpointDefinition["response"]): response is FileResponse {
  return response !== undefined && "file" in response && Array.isArray(response.file);
}

type SchemaOf<E, K extends "query" | "body"> = E extends { [P in K]: infer S extends z.ZodType }
  ? S
  : undefined;

/** The path parameters a caller gives. */
export type ParamsOf<E extends EndpointDefinition> = { [K in PathParamNames<E["path"]>]: string };
/** What a caller may send as query / body (before the server's parsing). */
export type QueryInput<E extends EndpointDefinition> =
  SchemaOf<E, "query"> extends z.ZodType ? z.input<SchemaOf<E, "query">> : undefined;
export type BodyInput<E extends EndpointDefinition> =
  SchemaOf<E, "body"> extends z.ZodType ? z.input<SchemaOf<E, "body">> : undefined;
/** What the server's handler gets after parsing. */
export type QueryOf<E extends EndpointDefinition> =
  SchemaOf<E, "query"> extends z.ZodType ? z.output<SchemaOf<E, "query">> : undefined;
export type BodyOf<E extends EndpointDefinition> =
  SchemaOf<E, "body"> extends z.ZodType ? z.output<SchemaOf<E, "body">> : undefined;
/** The JSON answer (after parsing by the response schema); undefined for downloads and none. */
export type ResultOf<E extends EndpointDefinition> = E extends { response: infer R extends z.ZodType }
  ? z.output<R>
  : undefined;

/** A concrete URL path for an endpoint, e.g. pathFor(contract.rounds.get, { roundId: "2020-2" }). */
export function pathFor<E extends EndpointDefinition>(e: E, params: ParamsOf<E>): string {
  return e.path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = (params as Record<string, string | undefined>)[name];
    if (value === undefined) throw new Error(`${e.path}: no value for :${name}`);
    return encodeURIComponent(value);
  });
}

/** Query string (with "?") of a query object: arrays repeat the key, undefined is left out. */
export function queryString(query: Record<string, unknown> | undefined): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    for (const v of Array.isArray(value) ? value : [value]) search.append(key, String(v));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
