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
    /** The one writer of audit entries, for what the request hook cannot see (e.g. an admin's connect). */
    auditLog: AuditLog;
  }
}

/**
 * How long an entry waits for others to share its statement. Without it a busy API wrote about one row
 * per statement (each statement quick, so few rows queued behind it), which on PGlite cost its CPU.
 */
export const AUDIT_LINGER_MS = 50;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface AuditEntry {
  readonly actor: string | null;
  readonly action: string;
  readonly target: string | null;
  readonly status: number;
  readonly sourceIp: string;
}

/**
 * Writes audit entries; those that arrive within AUDIT_LINGER_MS, or while the previous statement
 * runs, go in one statement (group commit). A failure is logged, never the caller's: `write` resolves
 * either way, once the entry is written or given up.
 */
export class AuditLog {
  private readonly entries: GroupedWrites<AuditEntry>;

  constructor(
    db: Database,
    private readonly log: Logger,
  ) {
    this.entries = new GroupedWrites<AuditEntry>(
      async (rows) => {
        await db.query(
          `INSERT INTO audit_log (actor, action, target, status, source_ip) VALUES ${valuesList(rows.length, 5)}`,
          rows.flatMap((e) => [e.actor, e.action, e.target, e.status, e.sourceIp]),
        );
      },
      { lingerMs: AUDIT_LINGER_MS },
    );
  }

  /** Resolves once every entry added so far is written (or given up). */
  settled(): Promise<void> {
    return this.entries.settled();
  }

  async write(entry: AuditEntry): Promise<void> {
    await this.entries
      .add(entry)
      .catch((error: unknown) =>
        this.log.error("audit entry not written", { error: String(error), action: entry.action }),
      );
  }
}

/**
 * Records every state-changing request, allowed or refused: who, what (method and route), the target
 * (the route's `name` parameter unless the route says), the status, the source address, the time.
 * Exposes its writer as `app.auditLog` for entries no request hook sees; a read of the log and the
 * app's close wait for entries still pending.
 */
export const auditPlugin = fp<{ db: Database; log: Logger }>(
  async (app: FastifyInstance, { db, log }) => {
    const auditLog = new AuditLog(db, log);
    app.decorate("auditLog", auditLog);
    app.addHook("onClose", () => auditLog.settled());
    app.decorateRequest("audit", null);
    app.addHook("onResponse", async (request, reply) => {
      if (SAFE_METHODS.has(request.method) || !request.routeOptions.url) return;
      const params = request.params as Record<string, string> | undefined;
      await auditLog.write({
        actor: request.audit?.actor ?? request.user?.name ?? null,
        action: `${request.method} ${request.routeOptions.url}`,
        target: request.audit?.target ?? params?.name ?? params?.id ?? null,
        status: reply.statusCode,
        sourceIp: request.ip,
      });
    });
  },
  { name: "audit" },
);

/** Deletes audit entries older than the retention; run at start and hourly. */
export async function pruneAudit(db: Database, retentionDays: number): Promise<number> {
  const rows = await db.query(
    "DELETE FROM audit_log WHERE at < now() - ($1 || ' days')::interval RETURNING id",
    [String(retentionDays)],
  );
  return rows.length;
}
