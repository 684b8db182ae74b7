import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Signed, short-lived tokens that say "this user may open this Session": the API issues a `ticket`
 * (seconds, single use) in the URL it hands the browser; the gateway exchanges it on the session's own
 * origin for a `cookie` token (hours) in a host-only cookie. Both name the user, the Session
 * (namespace/name and uid, so a Session deleted and created again under the same name does not inherit
 * them) and an expiry, and are signed with HMAC-SHA256 under a named key: verifying accepts every key of
 * the ring, signing uses the first, so a key is rotated by adding the new one in front and dropping the
 * old one after the longest cookie lifetime (docs/decisions/0080).
 */

export interface SigningKey {
  /** Short name carried in each token, so verification picks the key without trying them all. */
  readonly id: string;
  /** At least 32 bytes. */
  readonly secret: Buffer;
}

export type TokenPurpose = "ticket" | "cookie";

export interface SessionGrant {
  readonly user: string;
  /** "namespace/name". */
  readonly session: string;
  readonly uid: string;
  /** Granted to a platform admin who is not the owner; the gateway honours it only when admins may open any Session. */
  readonly admin?: boolean;
}

export interface VerifiedToken extends SessionGrant {
  readonly purpose: TokenPurpose;
  /** Expiry, ms since the epoch. */
  readonly expiresAt: number;
  readonly nonce: string;
}

/** Why a token was refused; `metrics` and logs use it, users see only "refused". */
export type Refusal =
  | "malformed"
  | "unknown-key"
  | "bad-signature"
  | "expired"
  | "wrong-purpose"
  | "wrong-session"
  | "replayed";

export class TokenRefused extends Error {
  constructor(readonly reason: Refusal) {
    super(`session token refused: ${reason}`);
    this.name = "TokenRefused";
  }
}

interface Payload {
  p: TokenPurpose;
  u: string;
  s: string;
  i: string;
  e: number;
  n: string;
  a?: true;
}

const VERSION = "v1";
const MIN_SECRET_BYTES = 32;

/** The keys from `id=base64secret,id2=base64secret2` (a Secret's value); the first one signs. */
export function parseSigningKeys(text: string, field = "ticket keys"): SigningKey[] {
  const keys = text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((entry) => {
      const eq = entry.indexOf("=");
      const id = entry.slice(0, eq);
      if (eq <= 0 || !/^[A-Za-z0-9_-]{1,32}$/.test(id))
        throw new Error(
          `${field}: each entry must be <id>=<base64 secret>, with an id of letters, digits, - or _`,
        );
      const secret = Buffer.from(entry.slice(eq + 1), "base64");
      if (secret.length < MIN_SECRET_BYTES)
        throw new Error(
          `${field}: key ${id} has ${secret.length} bytes; use at least ${MIN_SECRET_BYTES} (openssl rand -base64 32)`,
        );
      return { id, secret };
    });
  if (keys.length === 0)
    throw new Error(`${field}: no key given; set one as <id>=<base64 of 32 random bytes>`);
  return keys;
}

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString("base64url");
}

function sign(key: SigningKey, body: string): Buffer {
  return createHmac("sha256", key.secret).update(body).digest();
}

export interface IssueOptions extends SessionGrant {
  readonly purpose: TokenPurpose;
  readonly ttlMs: number;
  readonly now?: number;
}

/** A signed token: `v1.<key id>.<payload>.<signature>`, URL- and cookie-safe. */
export function issueToken(keys: readonly SigningKey[], opts: IssueOptions): string {
  const key = keys[0];
  if (!key) throw new Error("no signing key");
  const payload: Payload = {
    p: opts.purpose,
    u: opts.user,
    s: opts.session,
    i: opts.uid,
    e: (opts.now ?? Date.now()) + opts.ttlMs,
    n: randomBytes(12).toString("base64url"),
    ...(opts.admin ? { a: true as const } : {}),
  };
  const body = `${VERSION}.${key.id}.${b64url(JSON.stringify(payload))}`;
  return `${body}.${b64url(sign(key, body))}`;
}

export interface VerifyOptions {
  readonly purpose: TokenPurpose;
  /** The Session the token must name ("namespace/name"). */
  readonly session: string;
  readonly now?: number;
}

/** Checks signature, purpose, Session and expiry; throws TokenRefused. Does not check single use. */
export function verifyToken(keys: readonly SigningKey[], token: string, opts: VerifyOptions): VerifiedToken {
  const parts = token.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new TokenRefused("malformed");
  const [version, keyId, encoded, signature] = parts as [string, string, string, string];
  const key = keys.find((k) => k.id === keyId);
  if (!key) throw new TokenRefused("unknown-key");
  const expected = sign(key, `${version}.${keyId}.${encoded}`);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new TokenRefused("bad-signature");
  let payload: Payload;
  try {
    payload = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8")) as Payload;
  } catch {
    throw new TokenRefused("malformed");
  }
  if (typeof payload.e !== "number" || typeof payload.u !== "string" || typeof payload.s !== "string")
    throw new TokenRefused("malformed");
  if (payload.p !== opts.purpose) throw new TokenRefused("wrong-purpose");
  if (payload.s !== opts.session) throw new TokenRefused("wrong-session");
  if ((opts.now ?? Date.now()) >= payload.e) throw new TokenRefused("expired");
  return {
    purpose: payload.p,
    user: payload.u,
    session: payload.s,
    uid: payload.i,
    expiresAt: payload.e,
    nonce: payload.n,
    ...(payload.a === true ? { admin: true } : {}),
  };
}

/** Nonces of tickets already exchanged, kept until they expire, so that a ticket is used once. */
export interface SpentTickets {
  /** True the first time a nonce is spent before its expiry; false after. */
  spend(nonce: string, expiresAt: number): Promise<boolean>;
}

/**
 * Spent tickets in this replica's memory: a ticket leaked from a URL (history, a Referer, a log) cannot
 * be used again here. For a gateway without the database; with it, `DatabaseSpentTickets` makes a
 * ticket single-use across replicas (docs/decisions/0130).
 */
export class MemorySpentTickets implements SpentTickets {
  private readonly spent = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  async spend(nonce: string, expiresAt: number): Promise<boolean> {
    const now = this.now();
    if (this.spent.size > 1024) for (const [n, exp] of this.spent) if (exp <= now) this.spent.delete(n);
    if (this.spent.has(nonce)) return false;
    this.spent.set(nonce, expiresAt);
    return true;
  }
}

/** What the API and the gateway share: the key ring and the lifetimes. */
export interface TicketSettings {
  readonly keys: readonly SigningKey[];
  /** Default 60 s: long enough for a redirect, short enough that a leaked URL is soon worthless. */
  readonly ticketTtlMs?: number;
  /** Default 12 h; the Session's own limits end access sooner. */
  readonly cookieTtlMs?: number;
}

export const DEFAULT_TICKET_TTL_MS = 60_000;
export const DEFAULT_COOKIE_TTL_MS = 12 * 3600_000;

/**
 * Settings with one random key that lives as long as the process: for an API that runs the gateway in
 * the same process (both see the key), and for an app that only describes its routes (docs/decisions/0100).
 */
export function ephemeralTicketSettings(): TicketSettings {
  return { keys: [{ id: "ephemeral", secret: randomBytes(32) }] };
}

/** A ticket for one user to open one Session (what `GET /api/v1/sessions/{name}/connect` hands out). */
export function issueTicket(settings: TicketSettings, grant: SessionGrant, now?: number): string {
  return issueToken(settings.keys, {
    ...grant,
    purpose: "ticket",
    ttlMs: settings.ticketTtlMs ?? DEFAULT_TICKET_TTL_MS,
    ...(now === undefined ? {} : { now }),
  });
}

/** Checks a ticket for `session`; throws TokenRefused. */
export function verifyTicket(
  settings: TicketSettings,
  ticket: string,
  session: string,
  now?: number,
): VerifiedToken {
  return verifyToken(settings.keys, ticket, {
    purpose: "ticket",
    session,
    ...(now === undefined ? {} : { now }),
  });
}
