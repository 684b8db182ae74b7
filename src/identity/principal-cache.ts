import type { Principal } from "./principal.js";

export interface PrincipalCacheOptions {
  /**
   * How long a resolved credential is believed without asking the database: the bound on how stale a
   * change made elsewhere (another replica, `streamspace admin`) may look here (docs/decisions/0110).
   * @default 5 seconds
   */
  readonly ttlMs?: number;
  /** Credentials remembered at most; past it the cache starts over. @default 10,000 */
  readonly maxEntries?: number;
}

/**
 * Who a cookie or token stands for, remembered for a few seconds so that a request does not read the
 * login, user and groups rows again. `clear()` forgets everything, at once and for reads already under
 * way: a resolution that started before a clear is returned but not remembered, so a logout cannot be
 * undone by a request that read the login just before it. Concurrent misses of one credential share
 * one read, and each entry lives between three quarters of the TTL and the TTL, so entries filled together
 * do not all expire together and send every client to the database at once.
 */
export class PrincipalCache {
  private readonly entries = new Map<string, { principal: Principal; until: number }>();
  private readonly reading = new Map<string, Promise<Principal | null>>();
  private generation = 0;
  private readonly ttlMs: number;
  private readonly maxEntries: number;

  constructor(
    options: PrincipalCacheOptions = {},
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {
    this.ttlMs = options.ttlMs ?? 5_000;
    this.maxEntries = options.maxEntries ?? 10_000;
  }

  /** The principal `key` (a hash of the credential) stands for, from `resolve` when not remembered. */
  async get(key: string, resolve: () => Promise<Principal | null>): Promise<Principal | null> {
    const hit = this.entries.get(key);
    if (hit && hit.until > this.now()) return hit.principal;
    const pending = this.reading.get(key);
    if (pending) return pending;
    const read: Promise<Principal | null> = this.read(key, resolve).finally(() => {
      // A clear may have dropped this read and a newer one taken its place.
      if (this.reading.get(key) === read) this.reading.delete(key);
    });
    this.reading.set(key, read);
    return read;
  }

  private async read(key: string, resolve: () => Promise<Principal | null>): Promise<Principal | null> {
    const generation = this.generation;
    const principal = await resolve();
    if (principal && generation === this.generation) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      const ttl = this.ttlMs * (0.75 + 0.25 * this.random());
      this.entries.set(key, { principal, until: this.now() + ttl });
    } else if (!principal) this.entries.delete(key);
    return principal;
  }

  /** After any change to logins, tokens, users or groups made through this process. */
  clear(): void {
    this.generation++;
    this.entries.clear();
    this.reading.clear();
  }
}
