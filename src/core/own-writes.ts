/** resourceVersions are opaque, but etcd's are increasing integers; only used to pick the fresher copy. */
export function newer(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b || !/^\d+$/.test(a) || !/^\d+$/.test(b)) return false;
  return BigInt(a) > BigInt(b);
}

/**
 * Objects as our own writes returned them, until the informer's copy is as new. A reconcile often runs
 * again before the watch delivers our write; from the stale cache it would redo (and retell) the change.
 */
type Versioned = { metadata?: object };

export class OwnWrites<T extends Versioned> {
  private readonly byKey = new Map<string, T>();

  remember(key: string, written: T): void {
    this.byKey.set(key, written);
  }

  /** The fresher of the cached object and our last write of it; ours is dropped once the cache has caught up. */
  fresher(key: string, cached: T | undefined): T | undefined {
    const ours = this.byKey.get(key);
    if (!ours) return cached;
    if (cached && !newer(versionOf(ours), versionOf(cached))) {
      this.byKey.delete(key);
      return cached;
    }
    return ours;
  }

  forget(key: string): void {
    this.byKey.delete(key);
  }
}

function versionOf(object: Versioned): string | undefined {
  const version = (object.metadata as { resourceVersion?: unknown } | undefined)?.resourceVersion;
  return typeof version === "string" ? version : undefined;
}
