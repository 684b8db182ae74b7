import type { Database } from "../db/database.js";
import type { Logger } from "../telemetry/log.js";
import { hashPassword } from "./passwords.js";
import { anyUser, createUser, UserExistsError } from "./users.js";

/** The install's first admin (STREAMSPACE_ADMIN_USERNAME/PASSWORD, from a Secret). */
export interface FirstAdmin {
  readonly name: string;
  readonly password: string;
}

/**
 * Creates the first admin when the database has no user yet, and says whether it did. The API calls it
 * before it listens, so whoever sees the API answer can log in. Replicas of a new install start
 * together: the one that loses the race finds the admin made, which is no error.
 */
export async function createFirstAdmin(db: Database, admin: FirstAdmin, log: Logger): Promise<boolean> {
  if (await anyUser(db)) return false;
  const passwordHash = await hashPassword(admin.password);
  try {
    await createUser(db, { name: admin.name, passwordHash, admin: true });
  } catch (error) {
    if (error instanceof UserExistsError) return false;
    throw error;
  }
  log.info("created the first admin", { user: admin.name });
  return true;
}
