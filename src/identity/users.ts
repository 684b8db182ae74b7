import type { Queryable } from "../db/database.js";

export interface User {
  readonly id: number;
  readonly name: string;
  readonly displayName: string | null;
  readonly email: string | null;
  readonly admin: boolean;
  readonly disabled: boolean;
  readonly local: boolean;
  readonly groups: readonly string[];
  readonly createdAt: string;
  readonly lastLoginAt: string | null;
}

interface UserRow {
  id: string | number;
  name: string;
  display_name: string | null;
  email: string | null;
  admin: boolean;
  disabled: boolean;
  local: boolean;
  groups: string[] | null;
  created_at: Date | string;
  last_login_at: Date | string | null;
  [key: string]: unknown;
}

/** User names are what Sessions carry in spec.user and what quotas match: a conservative alphabet. */
export const USER_NAME_PATTERN = "^[a-z0-9]([a-z0-9._@-]{0,62}[a-z0-9])?$";
const USER_NAME = new RegExp(USER_NAME_PATTERN);

export function checkUserName(name: string): string | undefined {
  return USER_NAME.test(name)
    ? undefined
    : "must be 1-64 lower-case letters, digits, '.', '_', '@' or '-', starting and ending with a letter or digit";
}

const SELECT = `
  SELECT u.id, u.name, u.display_name, u.email, u.admin, u.disabled, u.password_hash IS NOT NULL AS local,
         u.created_at, u.last_login_at,
         COALESCE((SELECT array_agg(g.name ORDER BY g.name) FROM group_members m JOIN groups g ON g.id = m.group_id
                   WHERE m.user_id = u.id), '{}') AS groups
  FROM users u`;

function iso(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

function toUser(row: UserRow): User {
  return {
    id: Number(row.id),
    name: row.name,
    displayName: row.display_name,
    email: row.email,
    admin: row.admin,
    disabled: row.disabled,
    local: row.local,
    groups: row.groups ?? [],
    createdAt: iso(row.created_at) ?? "",
    lastLoginAt: iso(row.last_login_at),
  };
}

export async function userByName(db: Queryable, name: string): Promise<User | undefined> {
  const rows = await db.query<UserRow>(`${SELECT} WHERE u.name = $1`, [name]);
  return rows[0] && toUser(rows[0]);
}

export async function userById(db: Queryable, id: number): Promise<User | undefined> {
  const rows = await db.query<UserRow>(`${SELECT} WHERE u.id = $1`, [id]);
  return rows[0] && toUser(rows[0]);
}

export async function listUsers(db: Queryable): Promise<User[]> {
  return (await db.query<UserRow>(`${SELECT} ORDER BY u.name`)).map(toUser);
}

/** Whether any user exists: one row read, whatever the table's size. */
export async function anyUser(db: Queryable): Promise<boolean> {
  return (await db.query("SELECT 1 FROM users LIMIT 1")).length > 0;
}

/** The stored password hash, for login only. */
export async function passwordHashOf(
  db: Queryable,
  name: string,
): Promise<{ id: number; hash: string | null; disabled: boolean } | undefined> {
  const rows = await db.query<{ id: string; password_hash: string | null; disabled: boolean }>(
    "SELECT id, password_hash, disabled FROM users WHERE name = $1",
    [name],
  );
  const row = rows[0];
  return row && { id: Number(row.id), hash: row.password_hash, disabled: row.disabled };
}

export class UserExistsError extends Error {}

export async function createUser(
  db: Queryable,
  user: {
    name: string;
    passwordHash?: string;
    admin?: boolean;
    displayName?: string;
    email?: string;
    oidcSubject?: string;
  },
): Promise<User> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO users (name, password_hash, admin, display_name, email, oidc_subject)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (name) DO NOTHING RETURNING id`,
    [
      user.name,
      user.passwordHash ?? null,
      user.admin ?? false,
      user.displayName ?? null,
      user.email ?? null,
      user.oidcSubject ?? null,
    ],
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new UserExistsError(`user ${user.name} already exists`);
  return (await userById(db, Number(id))) as User;
}

export async function updateUser(
  db: Queryable,
  name: string,
  change: { admin?: boolean; disabled?: boolean; passwordHash?: string },
): Promise<User | undefined> {
  const rows = await db.query<{ id: string }>(
    `UPDATE users SET admin = COALESCE($2, admin), disabled = COALESCE($3, disabled),
       password_hash = COALESCE($4, password_hash) WHERE name = $1 RETURNING id`,
    [name, change.admin ?? null, change.disabled ?? null, change.passwordHash ?? null],
  );
  return rows[0] ? userById(db, Number(rows[0].id)) : undefined;
}

export async function touchLogin(db: Queryable, id: number): Promise<void> {
  await db.query("UPDATE users SET last_login_at = now() WHERE id = $1", [id]);
}

export interface Group {
  readonly name: string;
  readonly source: "local" | "oidc";
  readonly members: readonly string[];
}

export async function listGroups(db: Queryable): Promise<Group[]> {
  return db.query<Group & Record<string, unknown>>(
    `SELECT g.name, g.source,
            COALESCE((SELECT array_agg(u.name ORDER BY u.name) FROM group_members m JOIN users u ON u.id = m.user_id
                      WHERE m.group_id = g.id), '{}') AS members
     FROM groups g ORDER BY g.name`,
  );
}

/** Creates the group if needed and makes its members exactly `members` (unknown names are skipped). */
export async function setGroupMembers(
  db: Queryable,
  group: string,
  members: readonly string[],
  source: "local" | "oidc" = "local",
): Promise<void> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO groups (name, source) VALUES ($1, $2)
     ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    [group, source],
  );
  const id = rows[0]?.id;
  // Members who stay keep their membership's source: one the claim gave is still the claim's to take.
  await db.query(
    `DELETE FROM group_members WHERE group_id = $1
     AND user_id NOT IN (SELECT id FROM users WHERE name = ANY($2::text[]))`,
    [id, [...members]],
  );
  await db.query(
    `INSERT INTO group_members (group_id, user_id, source)
     SELECT $1, id, 'local' FROM users WHERE name = ANY($2::text[]) ON CONFLICT DO NOTHING`,
    [id, [...members]],
  );
}

/**
 * Makes the memberships the claim gives a user exactly `groups` (from the ID token's claim), in any group,
 * admin-made ones included; memberships an admin gave stay (docs/decisions/0183).
 */
export async function syncOidcGroups(
  db: Queryable,
  userId: number,
  groups: readonly string[],
): Promise<void> {
  for (const g of groups)
    await db.query("INSERT INTO groups (name, source) VALUES ($1, 'oidc') ON CONFLICT (name) DO NOTHING", [
      g,
    ]);
  await db.query(
    `DELETE FROM group_members m USING groups g
     WHERE m.group_id = g.id AND m.user_id = $1 AND m.source = 'oidc' AND NOT (g.name = ANY($2::text[]))`,
    [userId, [...groups]],
  );
  await db.query(
    `INSERT INTO group_members (group_id, user_id, source)
     SELECT g.id, $1, 'oidc' FROM groups g WHERE g.name = ANY($2::text[]) ON CONFLICT DO NOTHING`,
    [userId, [...groups]],
  );
}
