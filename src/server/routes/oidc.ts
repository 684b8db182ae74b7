import type { FastifyInstance } from "fastify";
import { createLoginSession } from "../../identity/login-sessions.js";
import { OidcError } from "../../identity/oidc.js";
import { localReturnPath } from "../../identity/return-path.js";
import type { ApiContext } from "../context.js";
import { HttpError } from "../errors.js";
import { cookieValue, loginCookie, ownOrigin } from "../plugins/auth.js";
import { errors } from "../schemas.js";

const FLOW_COOKIE = "streamspace_oidc";
const FLOW_PATH = "/api/v1/auth/oidc";

/** Login through the OIDC provider (authorization code + PKCE); registered whether or not one is configured. */
export async function oidcRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const configured = () => {
    if (!ctx.oidc) throw new HttpError(501, "OIDC login is not configured on this platform");
    return ctx.oidc;
  };

  app.get<{ Querystring: { returnTo?: string } }>(
    `${FLOW_PATH}/login`,
    {
      config: { access: "public" },
      schema: {
        tags: ["auth"],
        summary: "Start an OIDC login: redirects to the provider",
        querystring: {
          type: "object",
          additionalProperties: false,
          properties: { returnTo: { type: "string", maxLength: 2048 } },
        },
        response: { 302: { type: "null" }, ...errors(400, 501) },
      },
    },
    async (request, reply) => {
      const { url, flowId } = await configured().start(localReturnPath(request.query.returnTo));
      const secure = ownOrigin(request, ctx.web).startsWith("https:") ? "; Secure" : "";
      reply.header(
        "set-cookie",
        `${FLOW_COOKIE}=${flowId}; Path=${FLOW_PATH}; HttpOnly; SameSite=Lax; Max-Age=600${secure}`,
      );
      return reply.redirect(url, 302);
    },
  );

  app.get(
    `${FLOW_PATH}/callback`,
    {
      config: { access: "public" },
      schema: {
        tags: ["auth"],
        summary: "Where the provider sends the browser back; sets the login cookie and redirects",
        // Named properties: without any, @fastify/swagger turns the schema's own keywords into parameters.
        querystring: {
          type: "object",
          additionalProperties: true,
          properties: { code: { type: "string" }, state: { type: "string" }, iss: { type: "string" } },
        },
        response: { 302: { type: "null" }, ...errors(401, 501) },
      },
    },
    async (request, reply) => {
      const oidc = configured();
      const callback = new URL(oidc.options.redirectUri);
      callback.search = new URL(request.url, "http://callback").search;
      try {
        const { user, returnTo } = await oidc.finish(
          cookieValue(request.headers.cookie, FLOW_COOKIE),
          callback,
        );
        request.audit = { actor: user.name };
        const login = await createLoginSession(ctx.db, user.id, { sourceIp: request.ip });
        ctx.metrics.logins.inc({ method: "oidc", result: "success" });
        reply.header("set-cookie", [
          loginCookie(request, ctx.web, login.cookie),
          `${FLOW_COOKIE}=; Path=${FLOW_PATH}; Max-Age=0`,
        ]);
        return reply.redirect(returnTo, 302);
      } catch (error) {
        if (!(error instanceof OidcError)) throw error;
        ctx.metrics.logins.inc({ method: "oidc", result: "invalid" });
        throw new HttpError(401, `OIDC login failed: ${error.message}`);
      }
    },
  );
}
