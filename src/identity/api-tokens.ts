import { randomBytes } from "node:crypto";
import type { Queryable } from "../db/database.js";
import type { Scope } from "./principal.js";
import { newSecret, sha256 } from "./secrets.js";

// A token reads `sst_<id>_<secret>`: the prefix lets secret scanners spot a leaked one, the id finds the
// row without a scan, and only the secret's SHA-256 is stored.
const TOKEN = /^sst_([a-f0-9]{16})_([A-Za-z0-9_-]{43})$/;

export interface ApiToken {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly Scope[];
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly lastUsedAt: string | null;
}

export async function createApiToken(
  db: Queryable,
  userId: number,
  token: { name: string; scopes: readonly Scope[]; expiresInDays: number },
): Promise<{ token: string; info: ApiToken }> {
  const id = randomBytes(8).toString("hex");
  const secret = newSecret();
  const rows = await db.query<TokenRow>(
    `INSERT INTO api_tokens (id, user_id, name, secret_hash, scopes, expires_at)
     VALUES ($1, $2, $3, $4, $5, now() + ($6 || ' days')::interval) RETURNING *`,
    [id, userId, token.name, sha256(secret), [...token.scopes], String(token.expiresInDays)],
  );
  return { token: `sst_${id}_${secret}`, info: toToken(rows[0] as TokenRow) };
}

interface TokenRow {
  id: string;
  name: string;
  scopes: Scope[];
  created_at: Date | string;
  expires_at: Date | string;
  last_used_at: Date | string | null;
  [key: string]: unknown;
}

function toToken(row: TokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes,
    createdAt: new Date(row.created_at).toISOString(),
    expiresAt: new Date(row.expires_at).toISOString(),
    lastUsedAt: row.last_used_at === null ? null : new Date(row.last_used_at).toISOString(),
  };
}

/** The user and scopes of a bearer token that is well-formed, known, unexpired and of an enabled user. */
export async function resolveApiToken(
  db: Queryable,
  bearer: string,
): Promise<{ id: string; userId: number; scopes: Scope[] } | undefined> {
  const match = TOKEN.exec(bearer);
  if (!match) return undefined;
  const [, id, secret] = match as unknown as [string, string, string];
  const rows = await db.query<{ user_id: string; scopes: Scope[] }>(
    `UPDATE api_tokens t SET last_used_at = now() FROM users u
     WHERE t.id = $1 AND t.secret_hash = $2 AND t.expires_at > now() AND u.id = t.user_id AND NOT u.disabled
     RETURNING t.user_id, t.scopes`,
    [id, sha256(secret)],
  );
  const row = rows[0];
  return row && { id, userId: Number(row.user_id), scopes: row.scopes };
}

export async function listApiTokens(db: Queryable, userId: number): Promise<ApiToken[]> {
  const rows = await db.query<TokenRow>(
    "SELECT * FROM api_tokens WHERE user_id = $1 ORDER BY created_at, id",
    [userId],
  );
  return rows.map(toToken);
}

export async function revokeApiToken(db: Queryable, userId: number, id: string): Promise<boolean> {
  const rows = await db.query("DELETE FROM api_tokens WHERE user_id = $1 AND id = $2 RETURNING id", [
    userId,
    id,
  ]);
  return rows.length > 0;
}
