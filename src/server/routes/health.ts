import type { FastifyInstance } from "fastify";
import type { ApiContext } from "../context.js";

/** Probes, version and metrics: no login, outside /api/v1. */
export async function healthRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const open = { config: { access: "public" as const } };
  app.get(
    "/healthz",
    {
      ...open,
      schema: {
        tags: ["health"],
        summary: "The process answers",
        response: { 200: { type: "object", properties: { status: { type: "string" } } } },
      },
    },
    async () => ({ status: "ok" }),
  );

  app.get(
    "/readyz",
    {
      ...open,
      schema: {
        tags: ["health"],
        summary: "The database and the Kubernetes API server answer, and the caches are filled",
        response: {
          200: {
            type: "object",
            properties: {
              status: { type: "string" },
              checks: { type: "object", additionalProperties: { type: "boolean" } },
            },
          },
          503: {
            type: "object",
            properties: {
              status: { type: "string" },
              checks: { type: "object", additionalProperties: { type: "boolean" } },
            },
          },
        },
      },
    },
    async (_request, reply) => {
      const [database, apiServer] = await Promise.all([
        ctx.db.query("SELECT 1").then(
          () => true,
          () => false,
        ),
        ctx.cluster.reachable(),
      ]);
      const checks = { database, apiServer, caches: ctx.cluster.synced };
      const ok = Object.values(checks).every(Boolean);
      return reply.code(ok ? 200 : 503).send({ status: ok ? "ok" : "not ready", checks });
    },
  );

  app.get(
    "/version",
    {
      ...open,
      schema: {
        tags: ["health"],
        summary: "The running version",
        response: {
          200: { type: "object", properties: { version: { type: "string" }, database: { type: "string" } } },
        },
      },
    },
    async () => ({
      version: ctx.version,
      database: ctx.db.engine,
    }),
  );

  app.get(
    "/metrics",
    {
      ...open,
      schema: {
        tags: ["health"],
        summary: "Prometheus metrics",
        hide: false,
        response: { 200: { type: "string" } },
      },
    },
    async (_request, reply) => {
      reply.header("content-type", ctx.metrics.registry.contentType);
      return ctx.metrics.registry.metrics();
    },
  );
}
