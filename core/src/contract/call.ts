// How any client calls an endpoint of the contract, written once for the tab and the scripts: what
// a call takes, the request it makes (method, path with query, JSON body) and how its answer is read.
// Sending it (fetch, tokens, headers) is each client's own.
import type { z } from "zod";
import {
  isFileResponse,
  pathFor,
  queryString,
  type BodyInput,
  type EndpointDefinition,
  type ParamsOf,
  type QueryInput,
  type ResultOf,
} from "./endpoint.js";
import { errorSchema, type ErrorBody } from "./errors.js";

type Empty = Record<string, never>;

/** What a call of an endpoint takes: its path parameters, query and body, as the contract says. */
export type CallInput<E extends EndpointDefinition> = (keyof ParamsOf<E> extends never
  ? { params?: Empty }
  : { params: ParamsOf<E> }) &
  (QueryInput<E> extends undefined ? { query?: undefined } : { query?: QueryInput<E> }) &
  (BodyInput<E> extends undefined
    ? { body?: undefined }
    : undefined extends BodyInput<E>
      ? { body?: BodyInput<E> }
      : { body: BodyInput<E> });

export interface CallRequest {
  method: string;
  /** Path and query string, relative to the server's origin. */
  path: string;
  /** The JSON body, when the call has one. */
  json?: string;
}

/** The request a call makes; `extraQuery` adds parameters every call of a client carries (lang). */
export function callRequest<E extends EndpointDefinition>(
  e: E,
  input: CallInput<E>,
  extraQuery?: Record<string, unknown>,
): CallRequest {
  const query = { ...(input.query as Record<string, unknown> | undefined), ...extraQuery };
  const path = pathFor(e, (input.params ?? {}) as ParamsOf<E>) + queryString(query);
  return {
    method: e.method.toUpperCase(),
    path,
    ...(input.body !== undefined ? { json: JSON.stringify(input.body) } : {}),
  };
}

/** Whether an endpoint answers JSON to be read with its schema (not a download, not nothing). */
export function answersJson(e: EndpointDefinition): boolean {
  return e.response !== undefined && !isFileResponse(e.response);
}

export type Answer<E extends EndpointDefinition> =
  { ok: true; value: ResultOf<E> } | { ok: false; issues: z.core.$ZodIssue[] };

/** A JSON answer read with the endpoint's response schema; `ok: false` when it does not fit it. */
export function readAnswer<E extends EndpointDefinition>(e: E, value: unknown): Answer<E> {
  if (!e.response || isFileResponse(e.response)) return { ok: true, value: undefined as ResultOf<E> };
  const parsed = e.response.safeParse(value);
  return parsed.success
    ? { ok: true, value: parsed.data as ResultOf<E> }
    : { ok: false, issues: parsed.error.issues };
}

/** The refusal in an error answer's body, if the body is one (errors.ts). */
export function problemOf(value: unknown): ErrorBody["error"] | undefined {
  const parsed = errorSchema.safeParse(value);
  return parsed.success ? parsed.data.error : undefined;
}
