// The dispatch pipeline's AppInstaller on Microsoft Graph: the app's id in the org catalog (configured,
// or found once by the manifest id, AppCatalog.Read.All), the install for a user (201, or 409 when it
// is installed already) and the 1:1 chat of that installation (TeamsAppInstallation.ReadWriteSelfForUser.All).
import type { AppInstaller, InstallResult } from "../dispatch/installs.js";
import type { Logger } from "../logging.js";
import { GraphConsentError, GraphError, GraphThrottledError, type GraphClient } from "./client.js";

export interface InstallerOptions {
  /** The app's id in the org catalog, when configured (TEAMS_CATALOG_APP_ID). */
  catalogAppId?: string;
  /** The manifest id (TEAMS_APP_ID), to find the catalog id by. */
  manifestId?: string;
}

/** No 1:1 chat yet right after an install: Teams creates it within seconds. */
const CHAT_NOT_READY_MS = 2000;

/** An install without a deadline from its caller ends within this, waits for 429s included. */
const INSTALL_BUDGET_MS = 8000;

export class GraphInstaller implements AppInstaller {
  private catalogId: Promise<string | undefined> | undefined;

  constructor(
    private readonly graph: GraphClient,
    private readonly options: InstallerOptions,
    private readonly logger: Logger,
  ) {}

  async installFor(aadObjectId: string, deadline = Date.now() + INSTALL_BUDGET_MS): Promise<InstallResult> {
    try {
      const catalogId = await this.catalogAppId(deadline);
      if (!catalogId)
        return {
          kind: "appNotInCatalog",
          detail: `no app with the manifest id ${this.options.manifestId ?? "(TEAMS_APP_ID not set)"} in the org catalog`,
        };
      const user = encodeURIComponent(aadObjectId);
      const installed = await this.graph.call(
        {
          method: "POST",
          url: `/users/${user}/teamwork/installedApps`,
          body: {
            "teamsApp@odata.bind": `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${catalogId}`,
          },
          permission: "TeamsAppInstallation.ReadWriteSelfForUser.All",
        },
        deadline,
      );
      if (installed.status === 404) return { kind: "notFound" };
      const list = await this.graph.call<{ value?: { id: string }[] }>(
        {
          method: "GET",
          url: `/users/${user}/teamwork/installedApps?$expand=teamsApp&$filter=teamsApp/id eq '${catalogId}'`,
          permission: "TeamsAppInstallation.ReadWriteSelfForUser.All",
        },
        deadline,
      );
      if (list.status === 404) return { kind: "notFound" };
      const installationId = list.body?.value?.[0]?.id;
      if (!installationId)
        return {
          kind: "later",
          retryAfterMs: CHAT_NOT_READY_MS,
          detail: "the installation is not listed yet",
        };
      const chat = await this.graph.call<{ id?: string }>(
        {
          method: "GET",
          url: `/users/${user}/teamwork/installedApps/${encodeURIComponent(installationId)}/chat`,
          permission: "TeamsAppInstallation.ReadWriteSelfForUser.All",
        },
        deadline,
      );
      if (chat.status !== 200 || !chat.body?.id)
        return { kind: "later", retryAfterMs: CHAT_NOT_READY_MS, detail: "the 1:1 chat is not ready yet" };
      return { kind: "ready", chatId: chat.body.id };
    } catch (error) {
      if (error instanceof GraphConsentError)
        return { kind: "consentMissing", permission: error.permission, detail: error.message };
      if (error instanceof GraphThrottledError)
        return { kind: "later", retryAfterMs: error.retryAfterMs, detail: error.message };
      if (error instanceof GraphError) {
        this.logger.warn(
          { err: error.message, status: error.status },
          "installing the app through Graph failed",
        );
        return { kind: "later", detail: error.message };
      }
      throw error;
    }
  }

  /** Looked up once per process (and again after a failed lookup). */
  private catalogAppId(deadline: number): Promise<string | undefined> {
    if (this.options.catalogAppId) return Promise.resolve(this.options.catalogAppId);
    const manifestId = this.options.manifestId;
    if (!manifestId) return Promise.resolve(undefined);
    this.catalogId ??= this.graph
      .call<{ value?: { id: string }[] }>(
        {
          method: "GET",
          url: `/appCatalogs/teamsApps?$filter=externalId eq '${manifestId.replace(/'/g, "''")}'`,
          permission: "AppCatalog.Read.All",
        },
        deadline,
      )
      .then((answer) => answer.body?.value?.[0]?.id);
    const lookup = this.catalogId;
    lookup.then(
      (id) => {
        if (!id) this.catalogId = undefined;
      },
      () => (this.catalogId = undefined),
    );
    return lookup;
  }
}
