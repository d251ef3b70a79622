// Every REST route, declared once (endpoint.ts). `contract` by area for callers; ENDPOINTS for the
// server's registration check and for OpenAPI.
import type { Endpoint } from "./endpoint.js";
import { exports } from "./exports.js";
import { imports } from "./imports.js";
import { register } from "./register.js";
import { reports } from "./reports.js";
import { rounds } from "./rounds.js";
import { development, system } from "./system.js";

export const contract = { system, development, register, imports, rounds, reports, exports };

export const ENDPOINTS: readonly Endpoint[] = Object.values(contract).flatMap(
  (area) => Object.values(area) as Endpoint[],
);

export function findEndpoint(method: string, path: string): Endpoint | undefined {
  const m = method.toLowerCase();
  return ENDPOINTS.find((e) => e.method === m && e.path === path);
}

export * from "./endpoint.js";
export * from "./call.js";
