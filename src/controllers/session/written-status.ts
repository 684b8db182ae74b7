import type { Session, SessionStatus } from "../../generated/types.js";

/**
 * Status this replica wrote that its cache may not show yet. A Session is often reconciled again before
 * the watch delivers our own status write; from the stale cache that reconcile would write the same
 * change twice and tell its Events twice.
 */
export class WrittenStatus {
  // key → the versions older than our last write, the version it made, and what it wrote
  private readonly pending = new Map<string, { older: Set<string>; made: string; status: SessionStatus }>();

  /** `over` is the Session the write was computed from; `made` the resourceVersion the server answered. */
  remember(key: string, over: Session, made: string, status: SessionStatus): void {
    const older = this.pending.get(key)?.older ?? new Set<string>();
    const previous = this.pending.get(key)?.made;
    if (previous) older.add(previous);
    older.add(over.metadata?.resourceVersion ?? "");
    this.pending.set(key, { older, made, status });
  }

  /** The Session as our last write left it: the cached one, with our status while the cache lags behind. */
  view<S extends Session>(key: string, cached: S): S {
    const written = this.pending.get(key);
    if (!written) return cached;
    if (written.older.has(cached.metadata?.resourceVersion ?? ""))
      return { ...cached, status: written.status };
    // The cache holds our write now, or something newer.
    this.pending.delete(key);
    return cached;
  }

  forget(key: string): void {
    this.pending.delete(key);
  }
}
