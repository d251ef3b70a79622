// Where the tables and queues live: Azurite or an account reached by connection string locally,
// account URLs + managed identity (DefaultAzureCredential) in Azure.
import { TableClient, TableServiceClient } from "@azure/data-tables";
import { DefaultAzureCredential, type TokenCredential } from "@azure/identity";

export interface StorageSettings {
  connectionString?: string;
  tablesUrl?: string;
  queuesUrl?: string;
  /** Prefix of every table and queue name. */
  prefix: string;
  credential?: TokenCredential;
  /**
   * Client id of the user-assigned managed identity that reaches the account by URL (AZURE_CLIENT_ID).
   * Without it DefaultAzureCredential would try the system-assigned identity, which the app has not.
   */
  managedIdentityClientId?: string;
}

/** The product's tables. Names are prefixed per environment; see docs/ARCHITECTURE.md for the keys. */
export const TABLES = {
  register: "register",
  rounds: "rounds",
  reports: "reports",
  reportEvents: "reportevents",
  conversations: "conversations",
  deliveries: "deliveries",
  leases: "leases",
  audit: "audit",
  /** Journal of register and history imports (see storage/imports.ts). */
  imports: "imports",
  /** Feedback from the accessibility statement's form (see storage/feedback.ts). */
  feedback: "feedback",
} as const;

export type TableName = (typeof TABLES)[keyof typeof TABLES];

export class StorageAccount {
  private readonly clients = new Map<string, TableClient>();
  private credential: TokenCredential | undefined;

  constructor(public readonly settings: StorageSettings) {}

  tableName(name: string): string {
    return `${this.settings.prefix}${name}`;
  }

  /** A client for one of the product's tables (created lazily, reused). */
  table(name: TableName | string): TableClient {
    const full = this.tableName(name);
    let client = this.clients.get(full);
    if (!client) {
      const { connectionString, tablesUrl } = this.settings;
      client = connectionString
        ? TableClient.fromConnectionString(connectionString, full, {
            allowInsecureConnection: isLocal(connectionString),
          })
        : new TableClient(required(tablesUrl, "tables URL"), full, this.tokenCredential());
      this.clients.set(full, client);
    }
    return client;
  }

  service(): TableServiceClient {
    const { connectionString, tablesUrl } = this.settings;
    return connectionString
      ? TableServiceClient.fromConnectionString(connectionString, {
          allowInsecureConnection: isLocal(connectionString),
        })
      : new TableServiceClient(required(tablesUrl, "tables URL"), this.tokenCredential());
  }

  tokenCredential(): TokenCredential {
    const { managedIdentityClientId } = this.settings;
    this.credential ??=
      this.settings.credential ??
      new DefaultAzureCredential(managedIdentityClientId ? { managedIdentityClientId } : {});
    return this.credential;
  }

  /** Creates every table of the product if missing (idempotent; run at start-up). */
  async ensureTables(names: readonly string[] = Object.values(TABLES)): Promise<void> {
    await Promise.all(names.map((n) => this.table(n).createTable()));
  }
}

export function isLocal(connectionString: string): boolean {
  return /UseDevelopmentStorage=true|https?:\/\/(127\.0\.0\.1|localhost)/i.test(connectionString);
}

function required(value: string | undefined, what: string): string {
  if (!value) throw new Error(`storage: ${what} is not configured`);
  return value;
}
