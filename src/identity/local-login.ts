import type { Queryable } from "../db/database.js";
import type { LoginThrottle } from "./login-throttle.js";
import { verifyPassword } from "./passwords.js";
import { passwordHashOf, touchLogin } from "./users.js";

export type LoginResult =
  | { readonly ok: true; readonly userId: number }
  | { readonly ok: false; readonly reason: "invalid" }
  | { readonly ok: false; readonly reason: "throttled"; readonly retryAfterMs: number };

/**
 * Checks a user name and password. Unknown names, wrong passwords and disabled accounts all answer
 * "invalid" after the same argon2 work, so the answer and its timing say nothing about which names exist.
 */
export async function passwordLogin(
  db: Queryable,
  throttle: LoginThrottle,
  username: string,
  password: string,
  address: string,
): Promise<LoginResult> {
  const retryAfterMs = await throttle.retryAfterMs(username, address);
  if (retryAfterMs > 0) return { ok: false, reason: "throttled", retryAfterMs };
  const user = await passwordHashOf(db, username);
  const verified = await verifyPassword(user?.hash, password);
  if (!user || !verified || user.disabled) {
    await throttle.failed(username);
    return { ok: false, reason: "invalid" };
  }
  await throttle.succeeded(username);
  await touchLogin(db, user.id);
  return { ok: true, userId: user.id };
}
