import { createHash, randomBytes } from "node:crypto";

/** 32 random bytes, URL-safe: the secret part of a login cookie or an API token. */
export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * SHA-256, hex. Enough for our secrets (256 random bits, so no dictionary to guess from): a stolen
 * table row cannot be replayed as a cookie or token, and lookup is by the hash, so no timing leak.
 */
export function sha256(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
