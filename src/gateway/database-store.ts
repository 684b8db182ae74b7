import type { Session } from "../api/generated/types.js";
import type { KubeConfig } from "../core/kubeconfig.js";
import type { Database } from "../db/database.js";
import type { Logger } from "../telemetry/log.js";
import { type ConnectionCounts, type ConnectionStore, countsOf } from "./connections.js";
import { patchSession, sessionGone } from "./session-patch.js";
import type { SpentTickets } from "./ticket.js";

export interface DatabaseConnectionStoreOptions {
  readonly db: Database;
  readonly kubeConfig: KubeConfig;
  /** All replicas together write a Session's status at most once this often. */
  readonly intervalMs: number;
  /** A replica's row older than this counts no active viewers (the replica died). */
  readonly staleMs: number;
  readonly log: Logger;
  /** Called for each write to the API server. */
  readonly onWrite?: () => void;
  readonly now?: () => number;
}

interface SumRow {
  [key: string]: unknown;
  active: string | number | null;
  total: string | number | null;
  last_connect: string | number | null;
  last_disconnect: string | number | null;
  last_activity: string | number | null;
}

/** BIGINT and SUM come back as strings from PostgreSQL. */
function num(v: unknown): number | undefined {
  return v === null || v === undefined ? undefined : Number(v);
}

function iso(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

/**
 * Viewer counts in the API's database (docs/decisions/0130): each replica upserts its own row per
 * Session, a sum over the rows is the Session's count, and the sum is written to the Session's status
 * (`activeConnections`, `totalConnections`, `lastConnection`, `lastDisconnect`, `lastActivity`, which the
 * reconciler's idle hibernation reads) by whichever replica claims the Session's write slot: one claim
 * per interval across all replicas, taken atomically in `gateway_status_writes`. A replica that saves
 * while the slot is taken publishes again when it frees, so the last change is never lost.
 */
export class DatabaseConnectionStore implements ConnectionStore {
  private readonly now: () => number;
  /** Sessions this replica will publish when their slot frees. */
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly publishing = new Set<Promise<void>>();

  constructor(private readonly opts: DatabaseConnectionStoreOptions) {
    this.now = opts.now ?? Date.now;
  }

  async save(namespace: string, name: string, replica: string, counts: ConnectionCounts): Promise<void> {
    await this.opts.db.query(
      `INSERT INTO gateway_connections
         (namespace, name, replica, active, total, last_connect, last_disconnect, last_activity, written_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (namespace, name, replica) DO UPDATE SET
         active = EXCLUDED.active, total = EXCLUDED.total, last_connect = EXCLUDED.last_connect,
         last_disconnect = EXCLUDED.last_disconnect, last_activity = EXCLUDED.last_activity,
         written_at = EXCLUDED.written_at`,
      [
        namespace,
        name,
        replica,
        counts.active,
        counts.total,
        counts.lastConnect ?? null,
        counts.lastDisconnect ?? null,
        counts.lastActivity ?? null,
        this.now(),
      ],
    );
    this.schedule(namespace, name, 0);
  }

  totals(session: Session, now: number, exceptReplica?: string): Promise<ConnectionCounts> {
    const { namespace = "", name = "" } = session.metadata ?? {};
    return this.sum(namespace, name, now, exceptReplica);
  }

  private async sum(
    namespace: string,
    name: string,
    now: number,
    exceptReplica?: string,
  ): Promise<ConnectionCounts> {
    const [row] = await this.opts.db.query<SumRow>(
      `SELECT COALESCE(SUM(active) FILTER (WHERE written_at >= $3), 0) AS active,
              COALESCE(SUM(total), 0) AS total,
              MAX(last_connect) AS last_connect, MAX(last_disconnect) AS last_disconnect,
              MAX(last_activity) AS last_activity
         FROM gateway_connections
        WHERE namespace = $1 AND name = $2 AND replica <> $4`,
      [namespace, name, now - this.opts.staleMs, exceptReplica ?? ""],
    );
    return countsOf(num(row?.active) ?? 0, num(row?.total) ?? 0, {
      lastConnect: num(row?.last_connect),
      lastDisconnect: num(row?.last_disconnect),
      lastActivity: num(row?.last_activity),
    });
  }

  private track(work: Promise<void>): void {
    this.publishing.add(work);
    void work.finally(() => this.publishing.delete(work));
  }

  /** Publishes the Session's counts in `ms`, unless this replica already means to. */
  private schedule(namespace: string, name: string, ms: number): void {
    const key = `${namespace}/${name}`;
    if (this.pending.has(key)) return;
    const timer = setTimeout(() => {
      this.pending.delete(key);
      this.track(
        this.publish(namespace, name).catch((err) => {
          this.opts.log.warn("connection counts not published", { session: key, err });
          this.schedule(namespace, name, this.opts.intervalMs);
        }),
      );
    }, ms);
    timer.unref();
    this.pending.set(key, timer);
  }

  /** Takes the Session's write slot if it is free and writes the sum; else comes back when it frees. */
  private async publish(namespace: string, name: string): Promise<void> {
    const now = this.now();
    const [claimed] = await this.opts.db.query<{ written_at: string | number }>(
      `INSERT INTO gateway_status_writes (namespace, name, written_at) VALUES ($1, $2, $3)
       ON CONFLICT (namespace, name) DO UPDATE SET written_at = EXCLUDED.written_at
         WHERE gateway_status_writes.written_at <= $3 - $4
       RETURNING written_at`,
      [namespace, name, now, this.opts.intervalMs],
    );
    if (!claimed) {
      const [slot] = await this.opts.db.query<{ written_at: string | number }>(
        "SELECT written_at FROM gateway_status_writes WHERE namespace = $1 AND name = $2",
        [namespace, name],
      );
      this.schedule(
        namespace,
        name,
        Math.max(0, Number(slot?.written_at ?? now) + this.opts.intervalMs - now) + 5,
      );
      return;
    }
    await this.writeStatus(namespace, name, await this.sum(namespace, name, now));
  }

  private async writeStatus(namespace: string, name: string, sum: ConnectionCounts): Promise<void> {
    const status = {
      activeConnections: sum.active,
      totalConnections: sum.total,
      lastConnection: iso(sum.lastConnect) ?? null,
      lastDisconnect: iso(sum.lastDisconnect) ?? null,
      lastActivity: iso(sum.lastActivity) ?? null,
    };
    this.opts.onWrite?.();
    try {
      await patchSession(this.opts.kubeConfig, namespace, name, { status }, "status");
    } catch (err) {
      if (!sessionGone(err)) throw err;
    }
  }

  /** Publishes what is pending now (shutdown), then stops. */
  async flush(): Promise<void> {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    await Promise.allSettled([...this.publishing]);
  }
}

/**
 * Tickets already exchanged, shared by every replica: the insert of a nonce succeeds once, so a ticket
 * is single-use whichever replica redeems it. Expired nonces are swept now and then.
 */
export class DatabaseSpentTickets implements SpentTickets {
  private lastSweep = 0;

  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  async spend(nonce: string, expiresAt: number): Promise<boolean> {
    const now = this.now();
    if (now - this.lastSweep > 60_000) {
      this.lastSweep = now;
      await this.db.query("DELETE FROM spent_tickets WHERE expires_at <= $1", [now]);
    }
    const rows = await this.db.query(
      "INSERT INTO spent_tickets (nonce, expires_at) VALUES ($1, $2) ON CONFLICT (nonce) DO NOTHING RETURNING nonce",
      [nonce, expiresAt],
    );
    return rows.length === 1;
  }
}
