import swagger from "@fastify/swagger";
import Fastify, { type FastifyInstance } from "fastify";
import type { ApiContext } from "./context.js";
import { errorHandler } from "./errors.js";
import { SessionBroadcaster } from "./live.js";
import { auditPlugin } from "./plugins/audit.js";
import { authPlugin } from "./plugins/auth.js";
import { metricsPlugin } from "./plugins/metrics.js";
import { type UiOptions, uiPlugin } from "./plugins/ui.js";
import { adminRoutes } from "./routes/admin.js";
import { adminObjectRoutes } from "./routes/admin-objects.js";
import { authRoutes } from "./routes/auth.js";
import { catalogRoutes } from "./routes/catalog.js";
import { healthRoutes } from "./routes/health.js";
import { liveRoutes } from "./routes/live.js";
import { oidcRoutes } from "./routes/oidc.js";
import { sessionRoutes } from "./routes/sessions.js";
import { useSchemaValidation } from "./validation.js";

export interface AppOptions {
  /** Largest request body accepted. @default 64 KiB */
  readonly bodyLimit?: number;
  /** Proxies whose X-Forwarded-For/Proto are believed (addresses or CIDRs); none by default. */
  readonly trustedProxies?: readonly string[];
  /** The built web portal to serve at `/`; none by default (tests of the API alone). */
  readonly ui?: UiOptions;
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
  await app.register(async (scope) => {
    await healthRoutes(scope, ctx);
    await authRoutes(scope, ctx);
    await oidcRoutes(scope, ctx);
    await sessionRoutes(scope, ctx);
    await liveRoutes(scope, { ...ctx, broadcaster });
    await catalogRoutes(scope, ctx);
    await adminObjectRoutes(scope, ctx);
    await adminRoutes(scope, ctx);
    if (options.ui) await uiPlugin(scope, options.ui);
  });
  return app;
}
