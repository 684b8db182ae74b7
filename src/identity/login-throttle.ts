import type { Queryable } from "../db/database.js";

export interface ThrottleOptions {
  /** Failed logins for one user name before it is locked. @default 5 */
  readonly maxFailures?: number;
  /** How long the failures count, and how long a lock lasts. @default 15 minutes */
  readonly windowMs?: number;
  /** Login attempts per source address per minute, whatever the name. @default 30 */
  readonly perAddressPerMinute?: number;
}

/**
 * Slows password guessing two ways: a user name (known or not, so the lock reveals nothing) is locked
 * after a few failures, in the database so every replica sees it; and a source address gets a budget of
 * attempts per minute, in memory (per replica: it only has to make spraying many names slow).
 */
export class LoginThrottle {
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly perAddress: number;
  private readonly attempts = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly db: Queryable,
    options: ThrottleOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.maxFailures = options.maxFailures ?? 5;
    this.windowMs = options.windowMs ?? 15 * 60_000;
    this.perAddress = options.perAddressPerMinute ?? 30;
  }

  /** Milliseconds until a login may be tried again, or 0 to go ahead. Counts the attempt. */
  async retryAfterMs(username: string, address: string): Promise<number> {
    const t = this.now();
    const a = this.attempts.get(address);
    if (!a || t - a.since >= 60_000) {
      if (this.attempts.size > 10_000) this.attempts.clear();
      this.attempts.set(address, { count: 1, since: t });
    } else if (++a.count > this.perAddress) return a.since + 60_000 - t;
    const rows = await this.db.query<{ locked_until: Date | string | null }>(
      "SELECT locked_until FROM login_failures WHERE username = $1",
      [username.toLowerCase()],
    );
    const until = rows[0]?.locked_until ? new Date(rows[0].locked_until).getTime() : 0;
    return Math.max(0, until - t);
  }

  async failed(username: string): Promise<void> {
    const t = new Date(this.now());
    const windowStart = new Date(t.getTime() - this.windowMs);
    await this.db.query(
      `INSERT INTO login_failures (username, failures, window_start) VALUES ($1, 1, $2)
       ON CONFLICT (username) DO UPDATE SET
         failures = CASE WHEN login_failures.window_start < $3 THEN 1 ELSE login_failures.failures + 1 END,
         window_start = CASE WHEN login_failures.window_start < $3 THEN $2 ELSE login_failures.window_start END`,
      [username.toLowerCase(), t, windowStart],
    );
    await this.db.query(
      "UPDATE login_failures SET locked_until = $2, failures = 0 WHERE username = $1 AND failures >= $3",
      [username.toLowerCase(), new Date(t.getTime() + this.windowMs), this.maxFailures],
    );
  }

  async succeeded(username: string): Promise<void> {
    await this.db.query("DELETE FROM login_failures WHERE username = $1", [username.toLowerCase()]);
  }
}
