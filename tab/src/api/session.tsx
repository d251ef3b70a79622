// The signed-in session every view works in: the API client, who the person is, and which routes
// this server offers (from its OpenAPI document), so views can say plainly when a feature is missing.
import { createContext, useContext, type ReactNode } from "react";
import type { EndpointDefinition } from "@goal-forecast/core/contract";
import type { Me } from "@goal-forecast/core/contract/register";
import type { TabConfig } from "@goal-forecast/core/contract/system";
import type { ApiClient } from "./client";
import type { AuthMode } from "../auth/tokens";
import type { HostInfo } from "../teams/host";

export interface Capabilities {
  /** Does the server have this route of the contract (e.g. contract.rounds.progress)? */
  has(endpoint: Pick<EndpointDefinition, "method" | "path">): boolean;
}

export interface Session {
  api: ApiClient;
  me: Me;
  authMode: AuthMode;
  host: HostInfo;
  /** Whose service this is (the accessibility statement names it), from the server's configuration. */
  organisation: TabConfig["organisation"];
  capabilities: Capabilities;
  isAdmin: boolean;
  isManager: boolean;
  signOut(): void;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside SessionProvider");
  return session;
}

/** Capabilities from an OpenAPI document's paths. */
export function capabilitiesOf(
  doc: { paths?: Record<string, Record<string, unknown>> } | undefined,
): Capabilities {
  const paths = doc?.paths ?? {};
  return {
    has: ({ method, path }) => paths[path.replace(/:([A-Za-z0-9_]+)/g, "{$1}")]?.[method] !== undefined,
  };
}
