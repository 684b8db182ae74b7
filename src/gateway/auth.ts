import type { IncomingHttpHeaders } from "node:http";
import type { Session } from "../api/generated/types.js";
import type { Cached } from "../api/objects.js";
import type { SessionOrigins } from "./origin.js";
import {
  DEFAULT_COOKIE_TTL_MS,
  issueToken,
  type SessionGrant,
  type SpentTickets,
  type TicketSettings,
  TokenRefused,
  verifyTicket,
  verifyToken,
} from "./ticket.js";

/**
 * Cookies whose names start with this belong to the platform (the portal's login, the gateway's own
 * session cookie) and never reach a session's app, whatever domain they were set for.
 */
export const PLATFORM_COOKIE_PREFIX = "streamspace";

/** The gateway's cookie on a session origin: `__Host-` (Secure, host-only, Path=/) whenever served over HTTPS. */
export function sessionCookieName(origins: SessionOrigins): string {
  return origins.secure ? "__Host-streamspace-session" : "streamspace-session";
}

export function sessionKey(session: Session): string {
  return `${session.metadata?.namespace}/${session.metadata?.name}`;
}

export function parseCookies(header: string | undefined): Array<[string, string]> {
  if (!header) return [];
  return header
    .split(";")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const eq = part.indexOf("=");
      return eq < 0 ? [part, ""] : [part.slice(0, eq), part.slice(eq + 1)];
    });
}

function isPlatformCookie(name: string): boolean {
  return name
    .toLowerCase()
    .replace(/^__(host|secure)-/, "")
    .startsWith(PLATFORM_COOKIE_PREFIX);
}

/** The Cookie header an app may see: its own cookies only. */
export function appCookies(header: string | undefined): string | undefined {
  const kept = parseCookies(header).filter(([name]) => !isPlatformCookie(name));
  return kept.length ? kept.map(([n, v]) => `${n}=${v}`).join("; ") : undefined;
}

/** Who may open Sessions besides their owners. */
export interface AdmissionPolicy {
  /** Platform admins may open any Session (`gateway.adminAccess`); their tokens say they are admins. */
  readonly adminAccess: boolean;
}

/**
 * The token must name this very object (uid), not an earlier one of the same name, and the Session's
 * current owner, or an admin when the platform lets admins in.
 */
function checkOwner(session: Cached<Session>, token: SessionGrant, policy: AdmissionPolicy): void {
  if (token.uid !== session.metadata?.uid) throw new TokenRefused("wrong-session");
  if (token.user === session.spec.user) return;
  if (token.admin && policy.adminAccess) return;
  throw new NotOwner();
}

export class NotOwner extends Error {
  constructor() {
    super("not the session's owner");
    this.name = "NotOwner";
  }
}

/** Who a request on a session origin is, from the gateway's session cookie; throws when there is none or it is refused. */
export function authenticate(
  headers: IncomingHttpHeaders,
  session: Cached<Session>,
  origins: SessionOrigins,
  settings: TicketSettings,
  policy: AdmissionPolicy,
): string {
  const name = sessionCookieName(origins);
  const value = parseCookies(headers.cookie).find(([n]) => n === name)?.[1];
  if (!value) throw new Anonymous();
  const token = verifyToken(settings.keys, value, { purpose: "cookie", session: sessionKey(session) });
  checkOwner(session, token, policy);
  return token.user;
}

export class Anonymous extends Error {
  constructor() {
    super("no session cookie");
    this.name = "Anonymous";
  }
}

/** Exchanges a ticket for the value of the session cookie; throws TokenRefused or NotOwner. */
export async function exchangeTicket(
  ticket: string,
  session: Cached<Session>,
  settings: TicketSettings,
  spent: SpentTickets,
  policy: AdmissionPolicy,
): Promise<{ cookie: string; maxAgeSeconds: number; user: string; admin: boolean }> {
  const verified = verifyTicket(settings, ticket, sessionKey(session));
  checkOwner(session, verified, policy);
  if (!(await spent.spend(verified.nonce, verified.expiresAt))) throw new TokenRefused("replayed");
  const ttlMs = settings.cookieTtlMs ?? DEFAULT_COOKIE_TTL_MS;
  const cookie = issueToken(settings.keys, {
    purpose: "cookie",
    user: verified.user,
    session: verified.session,
    uid: verified.uid,
    ...(verified.admin ? { admin: true } : {}),
    ttlMs,
  });
  const admin = verified.user !== session.spec.user;
  return { cookie, maxAgeSeconds: Math.floor(ttlMs / 1000), user: verified.user, admin };
}

/**
 * The session cookie. No Domain attribute: it stays on this session's host and is never sent to another
 * session. On secure contexts, Partitioned (CHIPS) and SameSite=None: the portal frames the session
 * origin, which is cross-site to it in a local run (`localhost` vs `<id>.localhost`), where a Lax cookie
 * set in the frame is refused; partitioned, it is sent only in frames under the top-level site that set
 * it, so another site framing the session origin gets none (docs/decisions/0102). Plain HTTP on other
 * names cannot have Secure, hence not None: Lax there.
 */
export function setCookieHeader(origins: SessionOrigins, value: string, maxAgeSeconds: number): string {
  const scope = origins.trustworthy ? "Secure; SameSite=None; Partitioned" : "SameSite=Lax";
  return `${sessionCookieName(origins)}=${value}; Path=/; HttpOnly; ${scope}; Max-Age=${maxAgeSeconds}`;
}

/** Why a request was refused, as the tickets-refused metric counts it. */
export function refusalReason(err: unknown): string | undefined {
  if (err instanceof TokenRefused) return err.reason;
  if (err instanceof NotOwner) return "not-owner";
  if (err instanceof Anonymous) return "anonymous";
  return undefined;
}
