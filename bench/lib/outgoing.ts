// Counts the HTTP requests this process makes (node:http, which @azure/data-tables and botbuilder's
// connector client use; fetch is not counted), per target port: how many storage and connector calls
// one request to the server costs, a figure that does not depend on the machine.
import { subscribe } from "node:diagnostics_channel";
import type { ClientRequest } from "node:http";

const counts = new Map<number, number>();
let subscribed = false;

export function countOutgoing(): void {
  if (subscribed) return;
  subscribed = true;
  subscribe("http.client.request.start", (message) => {
    const host = (message as { request: ClientRequest }).request.getHeader("host");
    const port = Number(String(host ?? "").split(":")[1] ?? 0);
    counts.set(port, (counts.get(port) ?? 0) + 1);
  });
}

/** Requests made to the port so far. */
export function outgoingTo(port: number): number {
  return counts.get(port) ?? 0;
}

/** The port of a URL or connection string's endpoint ("…TableEndpoint=http://127.0.0.1:P/…"). */
export function portOf(url: string): number {
  const match = /127\.0\.0\.1:(\d+)/.exec(url);
  if (!match) throw new Error(`no loopback port in ${url}`);
  return Number(match[1]);
}
