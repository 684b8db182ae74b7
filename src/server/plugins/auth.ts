import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Database } from "../../db/database.js";
import { resolveApiToken } from "../../identity/api-tokens.js";
import { LOGIN_IDLE_MS, resolveLoginSession } from "../../identity/login-sessions.js";
import type { Principal, Scope } from "../../identity/principal.js";
import { PrincipalCache, type PrincipalCacheOptions } from "../../identity/principal-cache.js";
import { sha256 } from "../../identity/secrets.js";
import { type User, userById } from "../../identity/users.js";
import type { WebOptions } from "../context.js";
import { HttpError } from "../errors.js";

export const LOGIN_COOKIE = "streamspace_login";

/** Who may call a route: anyone, any logged-in user, or admins. Every route declares one. */
export type Access = "public" | "user" | "admin";

declare module "fastify" {
  interface FastifyRequest {
    /**
     * The logged-in caller (cookie or bearer token), or null. Other plugins (the gateway) read this
     * rather than parsing credentials themselves.
     */
    user: Principal | null;
  }
  interface FastifyContextConfig {
    access?: Access;
    /**
     * The token scope the route needs.
     * @default "read" for GET, HEAD and OPTIONS; "write" otherwise
     */
    scope?: Scope;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Routes that change logins, tokens, users or groups: a write to one of them (and any login route, the
 * OIDC callback being a GET) makes the cached principals stale.
 */
const IDENTITY_ROUTES = /^\/api\/v1\/(auth|me|users|groups)(\/|$)/;

function changesIdentity(request: FastifyRequest): boolean {
  const url = request.routeOptions.url;
  if (url === undefined || !IDENTITY_ROUTES.test(url)) return false;
  return url.startsWith("/api/v1/auth/") || !SAFE_METHODS.has(request.method);
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The origin this request was addressed to, as a browser would write it in Origin. */
export function ownOrigin(request: FastifyRequest, web: WebOptions): string {
  return web.publicOrigin ?? `${request.protocol}://${request.host}`;
}

/** Set-Cookie for a login: HttpOnly, SameSite=Lax, Secure whenever the platform is reached over HTTPS. */
export function loginCookie(request: FastifyRequest, web: WebOptions, value: string | null): string {
  const secure = ownOrigin(request, web).startsWith("https:");
  return [
    `${LOGIN_COOKIE}=${value ?? ""}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    value === null ? "Max-Age=0" : `Max-Age=${Math.floor(LOGIN_IDLE_MS / 1000)}`,
    ...(web.cookieDomain ? [`Domain=${web.cookieDomain}`] : []),
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

async function principalOf(
  db: Database,
  cache: PrincipalCache,
  request: FastifyRequest,
): Promise<Principal | null> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const bearer = /^Bearer (.+)$/i.exec(authorization)?.[1]?.trim();
    const found =
      bearer &&
      (await cache.get(`token:${sha256(bearer)}`, async () => {
        const token = await resolveApiToken(db, bearer);
        const user = token && (await userById(db, token.userId));
        return token && user ? principal(user, "token", token.scopes, token.id) : null;
      }));
    if (!found) throw new HttpError(401, "the bearer token is invalid, expired or revoked");
    return found;
  }
  const cookie = cookieValue(request.headers.cookie, LOGIN_COOKIE);
  if (!cookie) return null;
  return cache.get(`cookie:${sha256(cookie)}`, async () => {
    const login = await resolveLoginSession(db, cookie);
    const user = login && (await userById(db, login.userId));
    return login && user ? principal(user, "cookie", ["read", "write"], login.id) : null;
  });
}

function principal(
  user: User,
  via: Principal["via"],
  scopes: readonly Scope[],
  credentialId: string,
): Principal {
  return { id: user.id, name: user.name, admin: user.admin, groups: user.groups, via, scopes, credentialId };
}

/**
 * Resolves the caller of every request into `request.user`, then enforces the route's `access`, a
 * token's scopes, and CSRF: a cookie-authenticated write must carry our own Origin (browsers always send
 * Origin on cross-site and same-site POSTs, so a missing one is refused too). Credentials are resolved
 * through a short-lived cache that any identity change made here clears before its answer is sent.
 */
export const authPlugin = fp<{ db: Database; web: WebOptions; principals?: PrincipalCacheOptions }>(
  async (app: FastifyInstance, { db, web, principals }) => {
    const cache = new PrincipalCache(principals);
    app.decorateRequest("user", null);
    app.addHook("onSend", async (request, _reply, payload) => {
      if (changesIdentity(request)) cache.clear();
      return payload;
    });
    app.addHook("onRequest", async (request: FastifyRequest, reply: FastifyReply) => {
      // No route (a 404) needs no login; a route that forgot to declare its access is admin-only.
      const access =
        request.routeOptions.url === undefined ? "public" : (request.routeOptions.config.access ?? "admin");
      const hasCookie = cookieValue(request.headers.cookie, LOGIN_COOKIE) !== undefined;
      let user: Principal | null = null;
      try {
        user = await principalOf(db, cache, request);
      } catch (error) {
        if (access !== "public") throw error;
      }
      request.user = user;
      if (access === "public") return;
      if (!user) {
        // A stale cookie is cleared so the browser stops sending it.
        if (hasCookie) reply.header("set-cookie", loginCookie(request, web, null));
        throw new HttpError(
          401,
          "log in first: POST /api/v1/auth/login, or send Authorization: Bearer <token>",
        );
      }
      const unsafe = !SAFE_METHODS.has(request.method);
      if (unsafe && user.via === "cookie" && request.headers.origin !== ownOrigin(request, web))
        throw new HttpError(
          403,
          `a request with the login cookie must come from ${ownOrigin(request, web)} (Origin header)`,
        );
      const scope: Scope = request.routeOptions.config.scope ?? (unsafe ? "write" : "read");
      if (!user.scopes.includes(scope)) throw new HttpError(403, `this token lacks the '${scope}' scope`);
      if (access === "admin" && !user.admin) throw new HttpError(403, "only an admin may do this");
    });
  },
  { name: "auth" },
);
