import type { FastifyInstance } from "fastify";
import { createApiToken, listApiTokens, revokeApiToken } from "../../identity/api-tokens.js";
import { passwordLogin } from "../../identity/local-login.js";
import { createLoginSession, endAllLoginSessions, endLoginSession } from "../../identity/login-sessions.js";
import { SCOPES } from "../../identity/principal.js";
import { type User, userById } from "../../identity/users.js";
import type { ApiContext } from "../context.js";
import { HttpError } from "../errors.js";
import { loginCookie, ownOrigin } from "../plugins/auth.js";
import { errors } from "../schemas.js";

const meView = {
  type: "object",
  required: ["name", "admin", "groups"],
  properties: {
    name: { type: "string" },
    displayName: { type: ["string", "null"] },
    email: { type: ["string", "null"] },
    admin: { type: "boolean" },
    groups: { type: "array", items: { type: "string" } },
    via: { type: "string", enum: ["cookie", "token"] },
  },
};

const tokenView = {
  type: "object",
  properties: {
    id: { type: "string" },
    name: { type: "string" },
    scopes: { type: "array", items: { type: "string", enum: [...SCOPES] } },
    createdAt: { type: "string" },
    expiresAt: { type: "string" },
    lastUsedAt: { type: ["string", "null"] },
  },
};

function meOf(user: User | undefined, via: "cookie" | "token") {
  if (!user) throw new HttpError(401, "log in first");
  const { name, displayName, email, admin, groups } = user;
  return { name, displayName, email, admin, groups, via };
}

/** Login, logout, the caller's profile and personal API tokens. */
export async function authRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  app.get(
    "/api/v1/auth/providers",
    {
      config: { access: "public" },
      schema: {
        tags: ["auth"],
        summary: "How one may log in: local accounts, and the OIDC provider when configured",
        response: {
          200: {
            type: "object",
            properties: {
              local: { type: "boolean" },
              oidc: {
                type: ["object", "null"],
                required: ["loginUrl", "displayName"],
                properties: {
                  loginUrl: { type: "string" },
                  displayName: { type: "string", description: "The provider's name, for 'Sign in with'" },
                },
              },
            },
          },
        },
      },
    },
    async () => ({
      local: true,
      oidc: ctx.oidc
        ? {
            loginUrl: "/api/v1/auth/oidc/login",
            displayName: ctx.oidc.options.displayName || new URL(ctx.oidc.options.issuer).host,
          }
        : null,
    }),
  );

  app.post<{ Body: { username: string; password: string } }>(
    "/api/v1/auth/login",
    {
      config: { access: "public" },
      schema: {
        tags: ["auth"],
        summary: "Log in with a local account; sets the login cookie",
        body: {
          type: "object",
          additionalProperties: false,
          required: ["username", "password"],
          properties: {
            username: { type: "string", minLength: 1, maxLength: 64 },
            password: { type: "string", minLength: 1, maxLength: 1024 },
          },
        },
        response: { 200: meView, ...errors(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const origin = request.headers.origin;
      // Login CSRF: a foreign page must not log a victim's browser into the attacker's account.
      if (origin !== undefined && origin !== ownOrigin(request, ctx.web))
        throw new HttpError(403, `log in from ${ownOrigin(request, ctx.web)} (Origin header)`);
      const { username, password } = request.body;
      request.audit = { actor: username };
      const result = await passwordLogin(ctx.db, ctx.throttle, username, password, request.ip);
      if (!result.ok) {
        ctx.metrics.logins.inc({ method: "local", result: result.reason });
        if (result.reason === "throttled") {
          reply.header("retry-after", Math.ceil(result.retryAfterMs / 1000));
          throw new HttpError(429, "too many login attempts; try again later");
        }
        throw new HttpError(401, "invalid username or password");
      }
      ctx.metrics.logins.inc({ method: "local", result: "success" });
      const login = await createLoginSession(ctx.db, result.userId, {
        sourceIp: request.ip,
        ...(request.headers["user-agent"] ? { userAgent: request.headers["user-agent"] } : {}),
      });
      reply.header("set-cookie", loginCookie(request, ctx.web, login.cookie));
      return meOf(await userById(ctx.db, result.userId), "cookie");
    },
  );

  app.post(
    "/api/v1/auth/logout",
    {
      config: { access: "user" },
      schema: {
        tags: ["auth"],
        summary: "End this browser login",
        response: { 204: { type: "null" }, ...errors(401, 403) },
      },
    },
    async (request, reply) => {
      const user = request.user;
      if (user?.via === "cookie") await endLoginSession(ctx.db, user.credentialId);
      reply.header("set-cookie", loginCookie(request, ctx.web, null));
      return reply.code(204).send();
    },
  );

  app.post(
    "/api/v1/auth/logout-all",
    {
      config: { access: "user" },
      schema: {
        tags: ["auth"],
        summary: "Sign out everywhere: end every browser login of the caller",
        response: {
          200: { type: "object", properties: { ended: { type: "integer" } } },
          ...errors(401, 403),
        },
      },
    },
    async (request, reply) => {
      const ended = await endAllLoginSessions(ctx.db, request.user?.id ?? -1);
      reply.header("set-cookie", loginCookie(request, ctx.web, null));
      return { ended };
    },
  );

  app.get(
    "/api/v1/me",
    {
      config: { access: "user" },
      schema: { tags: ["auth"], summary: "The logged-in caller", response: { 200: meView, ...errors(401) } },
    },
    async (request) => {
      return meOf(await userById(ctx.db, request.user?.id ?? -1), request.user?.via ?? "cookie");
    },
  );

  app.get(
    "/api/v1/me/tokens",
    {
      config: { access: "user" },
      schema: {
        tags: ["auth"],
        summary: "The caller's personal API tokens",
        response: { 200: { type: "array", items: tokenView }, ...errors(401) },
      },
    },
    async (request) => listApiTokens(ctx.db, request.user?.id ?? -1),
  );

  app.post<{ Body: { name: string; scopes: Array<(typeof SCOPES)[number]>; expiresInDays?: number } }>(
    "/api/v1/me/tokens",
    {
      config: { access: "user" },
      schema: {
        tags: ["auth"],
        summary: "Create a personal API token; its value is shown only in this answer",
        body: {
          type: "object",
          additionalProperties: false,
          required: ["name", "scopes"],
          properties: {
            name: { type: "string", minLength: 1, maxLength: 100 },
            scopes: {
              type: "array",
              minItems: 1,
              uniqueItems: true,
              items: { type: "string", enum: [...SCOPES] },
            },
            expiresInDays: { type: "integer", minimum: 1, maximum: 365, default: 30 },
          },
        },
        response: {
          201: { type: "object", properties: { token: { type: "string" }, info: tokenView } },
          ...errors(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const user = request.user;
      // A token cannot mint tokens with more scopes than its own.
      const scopes = request.body.scopes.filter((s) => user?.scopes.includes(s));
      if (scopes.length !== request.body.scopes.length)
        throw new HttpError(403, "a token cannot grant scopes it lacks");
      const created = await createApiToken(ctx.db, user?.id ?? -1, {
        name: request.body.name,
        scopes,
        expiresInDays: request.body.expiresInDays ?? 30,
      });
      request.audit = { target: created.info.id };
      return reply.code(201).send(created);
    },
  );

  app.delete<{ Params: { id: string } }>(
    "/api/v1/me/tokens/:id",
    {
      config: { access: "user" },
      schema: {
        tags: ["auth"],
        summary: "Revoke one of the caller's tokens",
        params: { type: "object", required: ["id"], properties: { id: { type: "string", maxLength: 64 } } },
        response: { 204: { type: "null" }, ...errors(401, 403, 404) },
      },
    },
    async (request, reply) => {
      if (!(await revokeApiToken(ctx.db, request.user?.id ?? -1, request.params.id)))
        throw new HttpError(404, "token not found");
      return reply.code(204).send();
    },
  );
}
