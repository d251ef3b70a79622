// The register's DirectoryLookup on Microsoft Graph: users by UPN (then by e-mail for those not found),
// their managers where asked, each step in $batch requests of 20 (User.Read.All).
import { languageOf } from "@goal-forecast/core/i18n";
import {
  DirectoryError,
  directoryKey,
  type DirectoryLookup,
  type DirectoryPerson,
} from "../register/directory.js";
import { GraphConsentError, GraphThrottledError, type GraphClient, type GraphRequest } from "./client.js";

interface GraphUser {
  id: string;
  displayName?: string | null;
  userPrincipalName?: string | null;
  mail?: string | null;
  preferredLanguage?: string | null;
  accountEnabled?: boolean | null;
}

const SELECT = "$select=id,displayName,userPrincipalName,mail,preferredLanguage,accountEnabled";

const userRequest = (address: string): GraphRequest => ({
  method: "GET",
  url: `/users/${encodeURIComponent(address)}?${SELECT}`,
  permission: "User.Read.All",
});

export class GraphDirectory implements DirectoryLookup {
  readonly enabled = true;

  constructor(private readonly graph: GraphClient) {}

  async lookup(
    people: readonly { upn: string; email?: string; withManager?: boolean }[],
    deadline?: number,
  ): Promise<Map<string, DirectoryPerson | null>> {
    try {
      return await this.ask(people, deadline);
    } catch (error) {
      if (error instanceof GraphConsentError) throw new DirectoryError(error.message, error.permission);
      if (error instanceof GraphThrottledError)
        throw new DirectoryError(error.message, undefined, error.retryAfterMs);
      throw new DirectoryError((error as Error).message);
    }
  }

  private async ask(
    people: readonly { upn: string; email?: string; withManager?: boolean }[],
    deadline: number | undefined,
  ): Promise<Map<string, DirectoryPerson | null>> {
    const result = new Map<string, DirectoryPerson | null>();
    const asked = [...new Map(people.map((p) => [directoryKey(p.upn), p])).values()];
    const first = await this.graph.batch<GraphUser>(
      asked.map((p) => userRequest(p.upn.trim())),
      deadline,
    );
    const retry: typeof asked = [];
    asked.forEach((p, i) => {
      const user = first[i]?.status === 200 ? first[i]!.body : undefined;
      if (user) result.set(directoryKey(p.upn), personOf(user));
      else if (p.email && directoryKey(p.email) !== directoryKey(p.upn)) retry.push(p);
      else result.set(directoryKey(p.upn), null);
    });
    // An HR export's "UPN" is sometimes the e-mail address; Graph finds users by either.
    const second = await this.graph.batch<GraphUser>(
      retry.map((p) => userRequest(p.email!.trim())),
      deadline,
    );
    retry.forEach((p, i) => {
      const user = second[i]?.status === 200 ? second[i]!.body : undefined;
      result.set(directoryKey(p.upn), user ? personOf(user) : null);
    });

    const needManager = asked.filter((p) => p.withManager && result.get(directoryKey(p.upn)));
    const managers = await this.graph.batch<GraphUser>(
      needManager.map((p) => ({
        method: "GET",
        url: `/users/${result.get(directoryKey(p.upn))!.aadObjectId}/manager?$select=id,userPrincipalName,mail`,
        permission: "User.Read.All",
      })),
      deadline,
    );
    needManager.forEach((p, i) => {
      const manager = managers[i]?.status === 200 ? managers[i]!.body : undefined;
      const person = result.get(directoryKey(p.upn))!;
      if (manager?.id)
        person.manager = {
          aadObjectId: manager.id,
          ...(manager.userPrincipalName ? { upn: manager.userPrincipalName } : {}),
          ...(manager.mail ? { mail: manager.mail } : {}),
        };
    });
    return result;
  }
}

function personOf(user: GraphUser): DirectoryPerson {
  const language = languageOf(user.preferredLanguage);
  return {
    aadObjectId: user.id.toLowerCase(),
    upn: user.userPrincipalName ?? "",
    ...(user.mail ? { mail: user.mail } : {}),
    displayName: user.displayName ?? user.userPrincipalName ?? user.id,
    ...(language ? { language } : {}),
    accountEnabled: user.accountEnabled !== false,
  };
}
