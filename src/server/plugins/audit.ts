import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { Database } from "../../db/database.js";
import { GroupedWrites, valuesList } from "../../db/grouped-writes.js";
import type { Logger } from "../../telemetry/log.js";

declare module "fastify" {
  interface FastifyRequest {
    /** What the audit entry names, when the route knows better than the URL (e.g. the login's user). */
    audit: { actor?: string; target?: string } | null;
  }
  interface FastifyInstance {
    /** Resolves once the entries of every request answered so far are written: a reader awaits it. */
    auditWritten(): Promise<void>;
  }
}

/**
 * How long an entry waits for others to share its statement. Without it a busy API wrote about one row
 * per statement (each statement quick, so few rows queued behind it), which on PGlite cost its CPU.
 */
export const AUDIT_LINGER_MS = 50;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Records every state-changing request, allowed or refused: who, what (method and route), the target
 * (the route's `name` parameter unless the route says), the status, the source address, the time.
 * Entries that arrive within AUDIT_LINGER_MS, or while the previous statement runs, go in one
 * statement (group commit); a read of the log and the app's close wait for them.
 */
export const auditPlugin = fp<{ db: Database; log: Logger }>(
  async (app: FastifyInstance, { db, log }) => {
    const entries = new GroupedWrites<unknown[]>(
      async (rows) => {
        await db.query(
          `INSERT INTO audit_log (actor, action, target, status, source_ip) VALUES ${valuesList(rows.length, 5)}`,
          rows.flat(),
        );
      },
      { lingerMs: AUDIT_LINGER_MS },
    );
    app.decorateRequest("audit", null);
    app.decorate("auditWritten", () => entries.settled());
    app.addHook("onClose", () => entries.settled());
    app.addHook("onResponse", async (request, reply) => {
      if (SAFE_METHODS.has(request.method) || !request.routeOptions.url) return;
      const params = request.params as Record<string, string> | undefined;
      const entry = [
        request.audit?.actor ?? request.user?.name ?? null,
        `${request.method} ${request.routeOptions.url}`,
        request.audit?.target ?? params?.name ?? params?.id ?? null,
        reply.statusCode,
        request.ip,
      ];
      await entries
        .add(entry)
        .catch((error: unknown) =>
          log.error("audit entry not written", { error: String(error), action: entry[1] }),
        );
    });
  },
  { name: "audit" },
);

export interface AuditEntry {
  readonly actor: string | null;
  readonly action: string;
  readonly target: string | null;
  readonly status: number;
  readonly sourceIp: string;
}

/** One entry in the audit log; a failure is logged, never the request's. */
export async function writeAudit(db: Database, log: Logger, entry: AuditEntry): Promise<void> {
  await db
    .query("INSERT INTO audit_log (actor, action, target, status, source_ip) VALUES ($1, $2, $3, $4, $5)", [
      entry.actor,
      entry.action,
      entry.target,
      entry.status,
      entry.sourceIp,
    ])
    .catch((error: unknown) =>
      log.error("audit entry not written", { error: String(error), action: entry.action }),
    );
}

/** Deletes audit entries older than the retention; run at start and hourly. */
export async function pruneAudit(db: Database, retentionDays: number): Promise<number> {
  const rows = await db.query(
    "DELETE FROM audit_log WHERE at < now() - ($1 || ' days')::interval RETURNING id",
    [String(retentionDays)],
  );
  return rows.length;
}
