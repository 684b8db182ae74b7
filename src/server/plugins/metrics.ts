import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { API_METRICS } from "../../api/metrics.js";
import type { Database } from "../../db/database.js";

export type LoginResultLabel = "success" | "invalid" | "throttled" | "error";

export class ApiMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: API_METRICS.requests,
    help: "HTTP requests answered, by route and status",
    labelNames: ["method", "route", "status"] as const,
    registers: [this.registry],
  });
  readonly requestDuration = new Histogram({
    name: API_METRICS.requestDuration,
    help: "Time to answer an HTTP request",
    labelNames: ["method", "route"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly logins = new Counter({
    name: API_METRICS.logins,
    help: "Login attempts by method and result",
    labelNames: ["method", "result"] as const,
    registers: [this.registry],
  });
  readonly liveStreams = new Gauge({
    name: API_METRICS.liveStreams,
    help: "Open live-update streams",
    registers: [this.registry],
  });

  constructor(db: Database) {
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: API_METRICS.dbPool,
      help: "Database connections by state",
      labelNames: ["state"] as const,
      registers: [this.registry],
      collect() {
        const s = db.poolStats();
        this.set({ state: "total" }, s.total);
        this.set({ state: "idle" }, s.idle);
        this.set({ state: "waiting" }, s.waiting);
      },
    });
    for (const result of ["success", "invalid", "throttled", "error"] as const)
      for (const method of ["local", "oidc"]) this.logins.inc({ method, result }, 0);
  }
}

/** Counts and times every request by its route pattern (unmatched URLs share one label). */
export const metricsPlugin = fp<{ metrics: ApiMetrics }>(
  async (app: FastifyInstance, { metrics }) => {
    app.addHook("onResponse", async (request, reply) => {
      const route = request.routeOptions.url ?? "unmatched";
      const labels = { method: request.method, route };
      metrics.requests.inc({ ...labels, status: String(reply.statusCode) });
      metrics.requestDuration.observe(labels, reply.elapsedTime / 1000);
    });
  },
  { name: "metrics" },
);
