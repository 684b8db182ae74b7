import type { Queryable } from "../db/database.js";
import { durationSchema } from "./schemas.js";

/** The platform limits an admin may change while it runs; stored in the settings table, one row each. */
export interface Settings {
  /** Audit entries older than this are deleted. */
  readonly auditRetentionDays: number;
  /** The longest idleTimeout a user may ask for when creating a Session; "0" (never) is refused. */
  readonly maxIdleTimeout: string;
}

export const DEFAULT_SETTINGS: Settings = { auditRetentionDays: 90, maxIdleTimeout: "8h" };

const fields = {
  auditRetentionDays: {
    type: "integer",
    minimum: 1,
    maximum: 3650,
    description: "Days audit entries are kept.",
  },
  maxIdleTimeout: { ...durationSchema, description: "The longest idleTimeout a user may ask for." },
};

export const settingsSchema = { type: "object", required: Object.keys(fields), properties: fields };
export const settingsPatchSchema = {
  type: "object",
  additionalProperties: false,
  minProperties: 1,
  properties: fields,
};

export async function readSettings(db: Queryable): Promise<Settings> {
  const rows = await db.query<{ key: string; value: unknown }>("SELECT key, value FROM settings");
  const stored = Object.fromEntries(
    rows.filter((r) => r.key in DEFAULT_SETTINGS).map((r) => [r.key, r.value]),
  );
  return { ...DEFAULT_SETTINGS, ...stored };
}

export async function writeSettings(db: Queryable, change: Partial<Settings>, by: string): Promise<Settings> {
  for (const [key, value] of Object.entries(change))
    await db.query(
      `INSERT INTO settings (key, value, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [key, JSON.stringify(value), by],
    );
  return readSettings(db);
}
