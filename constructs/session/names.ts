import { createHash } from "node:crypto";

/**
 * Object names derive from the Session's name, never from user and template (a user may run two
 * Firefoxes). Every name is a DNS-1035 label (a Service name must be one), at most 63 characters.
 * A name that had to be shortened or changed carries a hash of the original, so two Sessions never
 * map to the same name.
 */

const MAX_LABEL = 63;
const HASH_LENGTH = 10;
const DNS_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

export function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, HASH_LENGTH);
}

/** `<prefix>-<text>` if that is a valid label as it is; else a sanitized, shortened form plus a hash. */
function prefixedLabel(prefix: string, text: string): string {
  const plain = `${prefix}-${text}`;
  if (plain.length <= MAX_LABEL && DNS_1035.test(plain)) return plain;
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

/**
 * Name of a user's home volume, shared by all their sessions. Only a user name that does not end
 * like a shortened one (a hash) keeps its plain form: "alice-example-com-f8db6f2f05" must not get
 * the home of "Alice@Example.com".
 */
export function userHomeName(user: string): string {
  const name = prefixedLabel("home", user);
  if (name !== `home-${user}` || !HASH_SUFFIX.test(user)) return name;
  const stem = user.slice(0, MAX_LABEL - "home-".length - HASH_LENGTH - 1).replace(/-+$/, "");
  return `home-${stem}-${shortHash(user)}`;
}
const HASH_SUFFIX = new RegExp(`(^|-)[0-9a-f]{${HASH_LENGTH}}$`);

/** Name of a home volume that belongs to one session. */
export function sessionHomeName(sessionName: string): string {
  return prefixedLabel("home-ss", sessionName);
}

/** A label value for any string: itself if valid, else a sanitized, shortened form plus a hash. */
export function labelValue(text: string): string {
  if (text.length <= MAX_LABEL && LABEL_VALUE.test(text)) return text;
  const stem = text
    .replace(/[^A-Za-z0-9_.-]+/g, "-")
    .slice(0, MAX_LABEL - HASH_LENGTH - 1)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, "");
  return stem === "" ? shortHash(text) : `${stem}-${shortHash(text)}`;
}
