import swagger from "@fastify/swagger";
import Fastify, { type FastifyInstance } from "fastify";
import { gatewayApiRoutes } from "../gateway/api-routes.js";
import { sessionsUrlOf } from "../gateway/command.js";
import type { GatewayMetrics } from "../gateway/metrics.js";
import { SessionOrigins } from "../gateway/origin.js";
import { ephemeralTicketSettings, type TicketSettings } from "../gateway/ticket.js";
import type { ApiContext } from "./context.js";
import { errorHandler } from "./errors.js";
import { SessionBroadcaster } from "./live.js";
import { auditPlugin } from "./plugins/audit.js";
import { authPlugin } from "./plugins/auth.js";
import { metricsPlugin } from "./plugins/metrics.js";
import { type UiOptions, uiPlugin } from "./plugins/ui.js";
import { RecentLaunches } from "./recent-launches.js";
import { adminRoutes } from "./routes/admin.js";
import { adminObjectRoutes } from "./routes/admin-objects.js";
import { authRoutes } from "./routes/auth.js";
import { catalogRoutes } from "./routes/catalog.js";
import { healthRoutes } from "./routes/health.js";
import { liveRoutes } from "./routes/live.js";
import { nodeRoutes } from "./routes/nodes.js";
import { oidcRoutes } from "./routes/oidc.js";
import { sessionRoutes } from "./routes/sessions.js";
import { useSchemaValidation } from "./validation.js";

/** What the API shares with the gateway: where session origins are, and the ticket signing keys. */
export interface GatewayLink {
  /** Base of session origins: `http://localhost:8082` in a local run, `https://sessions.example.com`. */
  readonly sessionsUrl: string;
  readonly tickets: TicketSettings;
  /** The in-process gateway's metrics, which count tickets issued. */
  readonly metrics?: GatewayMetrics;
}

export interface AppOptions {
  /** Largest request body accepted. @default 64 KiB */
  readonly bodyLimit?: number;
  /** Proxies whose X-Forwarded-For/Proto are believed (addresses or CIDRs); none by default. */
  readonly trustedProxies?: readonly string[];
  /** The built web portal to serve at `/`; none by default (tests of the API alone). */
  readonly ui?: UiOptions;
  /**
   * The gateway the `connect` route sends browsers to.
   * @default the config's session origins, with a key of this process's own (no gateway can verify it)
   */
  readonly gateway?: GatewayLink;
}

export const OPENAPI_PATH = "/api/openapi.json";

/**
 * The StreamSpace API as a Fastify app, one plugin per concern: metrics, auth (request.user, access,
 * CSRF), audit, then the route groups. Not listening yet: the caller (CLI, tests) decides where.
 */
export async function buildApp(ctx: ApiContext, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: options.bodyLimit ?? 64 * 1024,
    trustProxy:
      options.trustedProxies && options.trustedProxies.length > 0 ? [...options.trustedProxies] : false,
    logger: false,
    // Request ids, not client-chosen ones, so log lines cannot be forged.
    requestIdHeader: false,
  });
  useSchemaValidation(app);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: `no route ${request.method} ${request.url.split("?")[0]}` }),
  );

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "StreamSpace API",
        version: "v1",
        description:
          "Sessions, catalog, identity and administration of a StreamSpace platform. Generated from the routes (npm run openapi); do not edit.",
      },
      components: {
        securitySchemes: {
          cookie: { type: "apiKey", in: "cookie", name: "streamspace_login" },
          token: { type: "http", scheme: "bearer", description: "A personal API token (sst_...)" },
        },
      },
    },
    // Every route says who may call it; the document shows it as `security` and `x-access`.
    transform: ({ schema, url, route }) => {
      const access = (route.config as { access?: string } | undefined)?.access ?? "admin";
      const transformed = { ...(schema ?? {}), "x-access": access } as Record<string, unknown>;
      if (access !== "public") transformed.security = [{ cookie: [] }, { token: [] }];
      return { schema: transformed as never, url };
    },
  });
  app.get(OPENAPI_PATH, { config: { access: "public" }, schema: { hide: true } }, async () => app.swagger());

  await app.register(metricsPlugin, { metrics: ctx.metrics });
  await app.register(authPlugin, { db: ctx.db, web: ctx.web });
  await app.register(auditPlugin, { db: ctx.db, log: ctx.log });

  const broadcaster = new SessionBroadcaster(ctx.cluster);
  const gateway = options.gateway ?? {
    sessionsUrl: sessionsUrlOf(ctx.config),
    tickets: ephemeralTicketSettings(),
  };
  const origins = new SessionOrigins(gateway.sessionsUrl);
  const recentLaunches = new RecentLaunches(ctx.db, ctx.log);
  app.addHook("onClose", () => recentLaunches.written());
  await app.register(async (scope) => {
    await healthRoutes(scope, ctx);
    await authRoutes(scope, ctx);
    await oidcRoutes(scope, ctx);
    await sessionRoutes(scope, ctx, recentLaunches);
    await scope.register(gatewayApiRoutes, {
      currentUser: (request) => request.user ?? undefined,
      getSession: (namespace, name) =>
        namespace === ctx.cluster.namespace ? ctx.cluster.session(name) : undefined,
      namespace: ctx.cluster.namespace,
      origins,
      tickets: gateway.tickets,
      ...(gateway.metrics ? { metrics: gateway.metrics } : {}),
      adminAccess: ctx.config.gateway.adminAccess,
      // A GET, which the audit plugin leaves out: an admin entering someone's session is recorded here.
      auditAdminConnect: (request, session) =>
        app.auditLog.write({
          actor: request.user?.name ?? null,
          action: "ADMIN CONNECT /api/v1/sessions/:name/connect",
          target: session,
          status: 200,
          sourceIp: request.ip,
        }),
    });
    await liveRoutes(scope, { ...ctx, broadcaster });
    await catalogRoutes(scope, ctx, recentLaunches);
    await adminObjectRoutes(scope, ctx);
    await adminRoutes(scope, ctx);
    await nodeRoutes(scope, ctx);
    // The portal frames the viewer, and connects, on session origins: the gateway's.
    if (options.ui) await uiPlugin(scope, { sessionOrigins: [origins.cspSource], ...options.ui });
  });
  return app;
}
