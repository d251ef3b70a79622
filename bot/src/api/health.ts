// GET /api/health: is the service able to work? Checks storage (and whatever else registers a check).
import { contract } from "@goal-forecast/core/contract";
import type { StorageAccount } from "../storage/client.js";
import { Reply, type Implement } from "./implement.js";

export interface HealthCheck {
  name: string;
  /** Throws when the part cannot work; may return figures worth showing (e.g. a queue's backlog). */
  check(): Promise<void | Record<string, unknown>>;
}

export function storageHealthCheck(account: StorageAccount): HealthCheck {
  return {
    name: "storage",
    async check() {
      // A point read of a row that never exists: cheap, and fails only if the service does.
      try {
        await account.table("rounds").getEntity("health", "probe");
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode === 404) return;
        throw error;
      }
    },
  };
}

const TIMEOUT_MS = 3000;

export function healthRoutes(implement: Implement, checks: HealthCheck[], version: string): void {
  implement(contract.system.health, async ({ res }) => {
    const results = await Promise.all(
      checks.map(async (c) => {
        const started = Date.now();
        try {
          const details = await Promise.race([
            c.check(),
            new Promise<never>((_, reject) =>
              setTimeout(() => reject(new Error("timed out")), TIMEOUT_MS).unref(),
            ),
          ]);
          return [c.name, { ok: true, latencyMs: Date.now() - started, ...(details ?? {}) }] as const;
        } catch (error) {
          const message = error instanceof Error ? error.message.split("\n")[0]?.slice(0, 200) : "failed";
          return [c.name, { ok: false, latencyMs: Date.now() - started, error: message }] as const;
        }
      }),
    );
    const ok = results.every(([, r]) => r.ok);
    res.header("Cache-Control", "no-store");
    const status = ok ? "ok" : "unavailable";
    return new Reply(ok ? 200 : 503, { status, version, checks: Object.fromEntries(results) } as const);
  });
}
