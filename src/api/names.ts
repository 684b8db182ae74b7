import { createHash } from "node:crypto";

/**
 * Object names derive from the Session's name, never from user and template (a user may run two
 * Firefoxes). Every name is a DNS-1035 label (a Service name must be one), at most 63 characters.
 * A name that had to be shortened or changed carries a hash of the original, and a name is kept as it
 * is only when it does not end the way such a hashed name does: `alice.firefox` becomes
 * `alice-firefox-1dd40efb7b`, so `alice-firefox-1dd40efb7b` itself must be hashed too, or the two
 * Sessions would share their objects.
 */

const MAX_LABEL = 63;
const HASH_LENGTH = 10;
const DNS_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;
/** How every hashed name ends; a plain name never does. */
const HASHED = new RegExp(`(^|-)[0-9a-f]{${HASH_LENGTH}}$`);

export function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, HASH_LENGTH);
}

/** `<prefix>-<text>` if that is a valid label as it is; else a sanitized, shortened form plus a hash. */
function prefixedLabel(prefix: string, text: string): string {
  const plain = `${prefix}-${text}`;
  if (plain.length <= MAX_LABEL && DNS_1035.test(plain) && !HASHED.test(plain)) return plain;
  const room = MAX_LABEL - prefix.length - HASH_LENGTH - 2;
  const stem = text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .slice(0, room)
    .replace(/^-+|-+$/g, "");
  return stem === "" ? `${prefix}-${shortHash(text)}` : `${prefix}-${stem}-${shortHash(text)}`;
}

/** Name of a Session's Deployment, Service and Ingress. */
export function sessionObjectName(sessionName: string): string {
  return prefixedLabel("ss", sessionName);
}

/** Name of a user's home volume, shared by all their sessions. */
export function userHomeName(user: string): string {
  return prefixedLabel("home", user);
}

/** Name of a home volume that belongs to one session. */
export function sessionHomeName(sessionName: string): string {
  return prefixedLabel("home-ss", sessionName);
}

/** A label value for any string: itself if valid, else a sanitized, shortened form plus a hash. */
export function labelValue(text: string): string {
  if (text.length <= MAX_LABEL && LABEL_VALUE.test(text) && !HASHED.test(text)) return text;
  const stem = text
    .replace(/[^A-Za-z0-9_.-]+/g, "-")
    .slice(0, MAX_LABEL - HASH_LENGTH - 1)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, "");
  return stem === "" ? shortHash(text) : `${stem}-${shortHash(text)}`;
}
