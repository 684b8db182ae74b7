import type { Database } from "../db/database.js";
import type { Logger } from "../telemetry/log.js";
import { hashPassword } from "./passwords.js";
import { createUser, listUsers } from "./users.js";

/** The install's first admin (STREAMSPACE_ADMIN_USERNAME/PASSWORD, from a Secret). */
export interface FirstAdmin {
  readonly name: string;
  readonly password: string;
}

/**
 * Creates the first admin when the database has no user yet, and says whether it did. It runs before the API listens, so
 * whoever sees the API answer can log in with it (a probe or script logging in at once got 401 before).
 */
export async function createFirstAdmin(db: Database, admin: FirstAdmin, log: Logger): Promise<boolean> {
  if ((await listUsers(db)).length > 0) return false;
  await createUser(db, { name: admin.name, passwordHash: await hashPassword(admin.password), admin: true });
  log.info("created the first admin", { user: admin.name });
  return true;
}
