import type { Session } from "../api/generated/types.js";
import { LAST_ACTIVITY_ANNOTATION } from "../api/labels.js";
import { labelValue } from "../api/names.js";
import type { KubeConfig } from "../core/kubeconfig.js";
import type { Logger } from "../telemetry/log.js";
import { patchSession, sessionGone } from "./session-patch.js";

/** One replica's view of one Session's viewers. Times are ms since the epoch. */
export interface ConnectionCounts {
  readonly active: number;
  readonly total: number;
  readonly lastConnect?: number;
  readonly lastDisconnect?: number;
  /** Last traffic from a user (a request, or bytes on a viewer connection), not merely an open socket. */
  readonly lastActivity?: number;
}

type Times = Pick<ConnectionCounts, "lastConnect" | "lastDisconnect" | "lastActivity">;

/** Counts carrying only the times that are known (absent, not undefined, when not). */
export function countsOf(active: number, total: number, times: Times): ConnectionCounts {
  const { lastConnect, lastDisconnect, lastActivity } = times;
  return {
    active,
    total,
    ...(lastConnect !== undefined ? { lastConnect } : {}),
    ...(lastDisconnect !== undefined ? { lastDisconnect } : {}),
    ...(lastActivity !== undefined ? { lastActivity } : {}),
  };
}

/**
 * Where replicas publish their counts so that all of them, and the reconciler, see the sum: annotations
 * on the Session (below) for a gateway without the database, or the database's table
 * (`DatabaseConnectionStore`, docs/decisions/0130). The tracker calls `save` at most once per Session
 * per interval.
 */
export interface ConnectionStore {
  save(namespace: string, name: string, replica: string, counts: ConnectionCounts): Promise<void>;
  /** The sum over every live replica (but `exceptReplica`). */
  totals(session: Session, now: number, exceptReplica?: string): Promise<ConnectionCounts>;
  /** Finishes what it has started (shutdown). */
  flush?(): Promise<void>;
}

const REPLICA_ANNOTATION_PREFIX = "gateway.streamspace.io/connections.";

interface Record {
  a: number;
  t: number;
  c?: number;
  d?: number;
  x?: number;
  /** When the replica wrote this record. */
  w: number;
}

/** Annotation name of one replica's record. */
export function replicaAnnotation(replica: string): string {
  return `${REPLICA_ANNOTATION_PREFIX}${labelValue(replica)}`;
}

function latest(...times: Array<number | undefined>): number | undefined {
  const known = times.filter((t): t is number => t !== undefined);
  return known.length ? Math.max(...known) : undefined;
}

/** Sums per-replica counts; records of replicas silent for longer than `staleMs` count no active viewers. */
export function sumCounts(
  records: Iterable<ConnectionCounts & { writtenAt?: number }>,
  now: number,
  staleMs: number,
): ConnectionCounts {
  let active = 0;
  let total = 0;
  let lastConnect: number | undefined;
  let lastDisconnect: number | undefined;
  let lastActivity: number | undefined;
  for (const r of records) {
    if (r.writtenAt === undefined || now - r.writtenAt <= staleMs) active += r.active;
    total += r.total;
    lastConnect = latest(lastConnect, r.lastConnect);
    lastDisconnect = latest(lastDisconnect, r.lastDisconnect);
    lastActivity = latest(lastActivity, r.lastActivity);
  }
  return countsOf(active, total, { lastConnect, lastDisconnect, lastActivity });
}

/**
 * Counts kept as one annotation per gateway replica on the Session, plus the reconciler's activity
 * annotation, in a single merge patch: the reconciler's idle hibernation reads the activity, any reader
 * sums the records. A replica that died leaves its record; it stops counting as active once older
 * than `staleMs` (live replicas rewrite theirs while they have viewers).
 */
export class AnnotationConnectionStore implements ConnectionStore {
  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly staleMs: number,
    private readonly log: Logger,
  ) {}

  async save(namespace: string, name: string, replica: string, counts: ConnectionCounts): Promise<void> {
    const record: Record = {
      a: counts.active,
      t: counts.total,
      w: Date.now(),
      ...(counts.lastConnect !== undefined ? { c: counts.lastConnect } : {}),
      ...(counts.lastDisconnect !== undefined ? { d: counts.lastDisconnect } : {}),
      ...(counts.lastActivity !== undefined ? { x: counts.lastActivity } : {}),
    };
    const annotations: { [k: string]: string } = { [replicaAnnotation(replica)]: JSON.stringify(record) };
    if (counts.lastActivity !== undefined)
      annotations[LAST_ACTIVITY_ANNOTATION] = new Date(counts.lastActivity).toISOString();
    try {
      await patchSession(this.kubeConfig, namespace, name, { metadata: { annotations } });
    } catch (err) {
      if (sessionGone(err)) return;
      this.log.warn("connection counts not saved", { session: `${namespace}/${name}`, err });
      throw err;
    }
  }

  async totals(session: Session, now: number, exceptReplica?: string): Promise<ConnectionCounts> {
    const records: Array<ConnectionCounts & { writtenAt: number }> = [];
    const except = exceptReplica === undefined ? undefined : replicaAnnotation(exceptReplica);
    for (const [key, value] of Object.entries(session.metadata?.annotations ?? {})) {
      if (!key.startsWith(REPLICA_ANNOTATION_PREFIX) || key === except) continue;
      try {
        const r = JSON.parse(value) as Record;
        records.push({
          ...countsOf(Number(r.a) || 0, Number(r.t) || 0, {
            lastConnect: r.c,
            lastDisconnect: r.d,
            lastActivity: r.x,
          }),
          writtenAt: Number(r.w) || 0,
        });
      } catch {
        // A hand-edited or truncated record counts as nothing rather than breaking the sum.
      }
    }
    return sumCounts(records, now, this.staleMs);
  }
}

interface Tracked {
  namespace: string;
  name: string;
  active: number;
  total: number;
  lastConnect?: number;
  lastDisconnect?: number;
  lastActivity?: number;
  /** Changed since the last save. */
  dirty: boolean;
  lastSave: number;
  timer?: NodeJS.Timeout;
  saving?: Promise<void>;
}

export interface TrackerOptions {
  readonly store: ConnectionStore;
  readonly replica: string;
  /** At most one save per Session this often. */
  readonly intervalMs: number;
  /** While viewers are open, save at least this often, so other replicas know this one is alive. */
  readonly refreshMs: number;
  readonly log: Logger;
  readonly onSave?: () => void;
  readonly now?: () => number;
}

/**
 * This replica's counts per Session, in memory, saved to the store at a bounded rate: a change marks
 * the Session dirty and a save happens at the earliest `intervalMs` after the previous one, however
 * many connections, requests or heartbeats came in between.
 */
export class ConnectionTracker {
  private readonly sessions = new Map<string, Tracked>();
  private readonly now: () => number;
  private readonly refresher: NodeJS.Timeout;

  constructor(private readonly opts: TrackerOptions) {
    this.now = opts.now ?? Date.now;
    this.refresher = setInterval(() => this.refresh(), Math.max(1000, opts.refreshMs / 2));
    this.refresher.unref();
  }

  private entry(namespace: string, name: string): Tracked {
    const key = `${namespace}/${name}`;
    let t = this.sessions.get(key);
    if (!t) {
      t = { namespace, name, active: 0, total: 0, dirty: false, lastSave: 0 };
      this.sessions.set(key, t);
    }
    return t;
  }

  /** This replica's open viewers of a Session. */
  active(namespace: string, name: string): number {
    return this.sessions.get(`${namespace}/${name}`)?.active ?? 0;
  }

  connected(namespace: string, name: string): void {
    const t = this.entry(namespace, name);
    const now = this.now();
    t.active++;
    t.total++;
    t.lastConnect = now;
    t.lastActivity = now;
    this.changed(t);
  }

  disconnected(namespace: string, name: string): void {
    const t = this.entry(namespace, name);
    t.active = Math.max(0, t.active - 1);
    t.lastDisconnect = this.now();
    this.changed(t);
  }

  /** Traffic from the user: cheap, called per message; only marks the Session for the next save. */
  activity(namespace: string, name: string): void {
    const t = this.entry(namespace, name);
    t.lastActivity = this.now();
    this.changed(t);
  }

  private changed(t: Tracked): void {
    t.dirty = true;
    if (t.timer || t.saving) return;
    const wait = Math.max(0, t.lastSave + this.opts.intervalMs - this.now());
    t.timer = setTimeout(() => void this.save(t), wait);
    t.timer.unref();
  }

  private async save(t: Tracked): Promise<void> {
    t.timer = undefined;
    if (!t.dirty) return;
    t.dirty = false;
    t.lastSave = this.now();
    const counts = countsOf(t.active, t.total, t);
    this.opts.onSave?.();
    t.saving = this.opts.store
      .save(t.namespace, t.name, this.opts.replica, counts)
      .catch(() => {
        t.dirty = true;
      })
      .finally(() => {
        t.saving = undefined;
        // Entries stay (a few numbers a Session): dropping one would restart its total from zero.
        if (t.dirty) this.changed(t);
      });
    await t.saving;
  }

  private refresh(): void {
    const now = this.now();
    for (const t of this.sessions.values())
      if (t.active > 0 && now - t.lastSave >= this.opts.refreshMs) this.changed(t);
  }

  /** Saves what is pending now (shutdown), then stops. */
  async flush(): Promise<void> {
    clearInterval(this.refresher);
    const pending = [...this.sessions.values()].map(async (t) => {
      clearTimeout(t.timer);
      t.timer = undefined;
      await t.saving;
      if (t.dirty) await this.save(t);
    });
    await Promise.all(pending);
    await this.opts.store.flush?.();
  }
}
