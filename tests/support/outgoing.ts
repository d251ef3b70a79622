// Records the HTTP requests this process makes to one port (node:http, which @azure/data-tables
// uses): what one request to the server costs in storage calls, a count that does not depend on the
// machine's speed.
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { ClientRequest } from "node:http";

const CHANNEL = "http.client.request.start";

/** "METHOD path" of every request to `port` while `action` runs. */
export async function requestsDuring(port: number, action: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const listener = (message: unknown): void => {
    const request = (message as { request: ClientRequest }).request;
    const host = String(request.getHeader("host") ?? "");
    if (Number(host.split(":")[1]) === port)
      seen.push(`${request.method} ${decodeURIComponent(request.path)}`);
  };
  subscribe(CHANNEL, listener);
  try {
    await action();
  } finally {
    unsubscribe(CHANNEL, listener);
  }
  return seen;
}

/** The port of the loopback endpoint in a URL or connection string ("…TableEndpoint=http://127.0.0.1:P/…"). */
export function loopbackPort(url: string): number {
  const match = /TableEndpoint=http:\/\/127\.0\.0\.1:(\d+)/.exec(url) ?? /127\.0\.0\.1:(\d+)/.exec(url);
  if (!match) throw new Error(`no loopback port in ${url}`);
  return Number(match[1]);
}
