import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { Session } from "../api/generated/types.js";
import { errors, nameParams } from "../server/schemas.js";
import type { GatewayMetrics } from "./metrics.js";
import type { SessionOrigins } from "./origin.js";
import { issueTicket, type TicketSettings } from "./ticket.js";

export interface GatewayUser {
  readonly name: string;
  readonly admin?: boolean;
}

export interface GatewayApiOptions {
  /** The logged-in user of a request (the API's login cookie or token), or undefined. */
  readonly currentUser: (
    request: FastifyRequest,
  ) => GatewayUser | undefined | Promise<GatewayUser | undefined>;
  /** A Session by namespace and name, from the caller's cache. */
  readonly getSession: (namespace: string, name: string) => Session | undefined;
  /** The session namespace, for `connect`, which names Sessions without one. */
  readonly namespace: string;
  readonly origins: SessionOrigins;
  readonly tickets: TicketSettings;
  readonly metrics?: GatewayMetrics;
  /** Platform admins may open any Session (`gateway.adminAccess`). @default false */
  readonly adminAccess?: boolean;
  /** Records an admin's connect to another user's Session (the audit log). */
  readonly auditAdminConnect?: (request: FastifyRequest, session: string) => Promise<void>;
}

function ownedBy(session: Session | undefined, user: GatewayUser): session is Session {
  return session !== undefined && session.spec.user === user.name;
}

function mayOpenAny(user: GatewayUser, opts: GatewayApiOptions): boolean {
  return user.admin === true && opts.adminAccess === true;
}

/**
 * The API's side of the gateway, as a Fastify plugin the API app registers: `connect` hands the owner a
 * URL with a fresh ticket on the Session's own origin, and `session-check` answers ingress forward-auth
 * for those who keep per-session Ingresses.
 */
export const gatewayApiRoutes: FastifyPluginAsync<GatewayApiOptions> = async (app, opts) => {
  app.get<{ Params: { name: string } }>(
    "/api/v1/sessions/:name/connect",
    {
      // A GET, but what it hands over is control of the desktop: a read-only token may not.
      config: { access: "user", scope: "write" },
      schema: {
        tags: ["sessions"],
        summary:
          "A URL that opens the caller's Session on its own origin (with a single-use ticket); an admin's for any Session when gateway.adminAccess is on (audited)",
        params: nameParams,
        response: {
          200: { type: "object", properties: { url: { type: "string" } }, required: ["url"] },
          ...errors(401, 404),
        },
      },
    },
    async (request, reply) => {
      const user = await opts.currentUser(request);
      if (!user) return reply.code(401).send({ error: "sign in first" });
      const session = opts.getSession(opts.namespace, request.params.name);
      const asAdmin = session !== undefined && !ownedBy(session, user) && mayOpenAny(user, opts);
      // Another user's Session answers as a missing one: its existence is not disclosed.
      if (!session?.metadata?.uid || !(ownedBy(session, user) || asAdmin))
        return reply.code(404).send({ error: `no session named ${request.params.name}` });
      const key = `${session.metadata.namespace}/${session.metadata.name}`;
      if (asAdmin) await opts.auditAdminConnect?.(request, key);
      const ticket = issueTicket(opts.tickets, {
        user: user.name,
        session: key,
        uid: session.metadata.uid,
        ...(asAdmin ? { admin: true } : {}),
      });
      opts.metrics?.ticketIssued();
      reply.header("Cache-Control", "no-store");
      return { url: `${opts.origins.originOf(request.params.name)}/_streamspace/auth?ticket=${ticket}` };
    },
  );

  app.get<{ Querystring: { session?: string } }>(
    "/api/v1/auth/session-check",
    {
      config: { access: "user", scope: "write" },
      schema: {
        tags: ["auth"],
        summary: "Forward-auth for per-session Ingresses: 204 for the Session's owner, 401 or 403 otherwise",
        querystring: {
          type: "object",
          properties: { session: { type: "string", description: "<namespace>/<name>", maxLength: 320 } },
        },
        response: { 204: { type: "null" }, ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const ref = request.query.session ?? "";
      const slash = ref.indexOf("/");
      if (slash <= 0 || slash === ref.length - 1)
        return reply.code(400).send({ error: "query parameter session must be <namespace>/<name>" });
      const user = await opts.currentUser(request);
      if (!user) {
        opts.metrics?.ticketRefused("anonymous");
        return reply.code(401).send({ error: "sign in first" });
      }
      const session = opts.getSession(ref.slice(0, slash), ref.slice(slash + 1));
      if (!ownedBy(session, user)) {
        opts.metrics?.ticketRefused("not-owner");
        return reply.code(403).send({ error: "not your session" });
      }
      reply.header("X-Auth-Request-User", user.name);
      return reply.code(204).send();
    },
  );
};
