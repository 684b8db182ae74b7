import { Algorithm, hash, verify } from "@node-rs/argon2";

// argon2id with the OWASP-recommended minimum (19 MiB, 2 passes): slow enough to make a stolen table
// expensive, quick enough (~30 ms here) that login is not a denial-of-service lever.
const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 8;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** A hash of nothing anyone knows: checked against when the user does not exist, so both cost the same. */
let dummy: Promise<string> | undefined;

/** Verifies `password` against `stored`, or against a dummy hash when there is no user (constant time). */
export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  dummy ??= hashPassword(`no user ${Math.random()}`);
  const against = stored ?? (await dummy);
  const ok = await verify(against, password).catch(() => false);
  return ok && stored != null;
}
