import type { Queryable } from "../db/database.js";
import { newSecret, sha256 } from "./secrets.js";

/** A browser login lasts this long without use; each use within it slides it on. */
export const LOGIN_IDLE_MS = 7 * 24 * 3600_000;

export interface LoginSessionRow {
  readonly id: string;
  readonly userId: number;
}

/** Starts a login; returns the cookie value (shown only here) and the row's id. */
export async function createLoginSession(
  db: Queryable,
  userId: number,
  meta: { sourceIp?: string; userAgent?: string } = {},
): Promise<{ cookie: string; id: string }> {
  const cookie = newSecret();
  const id = sha256(cookie);
  await db.query(
    `INSERT INTO login_sessions (id, user_id, expires_at, source_ip, user_agent)
     VALUES ($1, $2, now() + ($3 || ' milliseconds')::interval, $4, $5)`,
    [id, userId, String(LOGIN_IDLE_MS), meta.sourceIp ?? null, meta.userAgent?.slice(0, 256) ?? null],
  );
  return { cookie, id };
}

/** How often a login's sliding expiry is moved on: a write per request would dominate the API's cost. */
const SLIDE_EVERY_SECONDS = 60;

/** The login a cookie belongs to, if it exists, has not expired and its user is enabled. */
export async function resolveLoginSession(
  db: Queryable,
  cookie: string,
): Promise<LoginSessionRow | undefined> {
  const id = sha256(cookie);
  const rows = await db.query<{ user_id: string; stale: boolean }>(
    `SELECT s.user_id, s.last_seen_at < now() - ($2 || ' seconds')::interval AS stale
     FROM login_sessions s JOIN users u ON u.id = s.user_id
     WHERE s.id = $1 AND s.expires_at > now() AND NOT u.disabled`,
    [id, String(SLIDE_EVERY_SECONDS)],
  );
  const row = rows[0];
  if (!row) return undefined;
  if (row.stale)
    await db.query(
      `UPDATE login_sessions SET last_seen_at = now(), expires_at = now() + ($2 || ' milliseconds')::interval
       WHERE id = $1`,
      [id, String(LOGIN_IDLE_MS)],
    );
  return { id, userId: Number(row.user_id) };
}

export async function endLoginSession(db: Queryable, id: string): Promise<void> {
  await db.query("DELETE FROM login_sessions WHERE id = $1", [id]);
}

/** "Sign out everywhere": every browser login of the user ends. */
export async function endAllLoginSessions(db: Queryable, userId: number): Promise<number> {
  const rows = await db.query("DELETE FROM login_sessions WHERE user_id = $1 RETURNING id", [userId]);
  return rows.length;
}
