import { resolvePlatformConfig } from "../config/platform-config.js";
import type { KubeConfig } from "../core/kubeconfig.js";
import type { Database } from "../db/database.js";
import { LoginThrottle } from "../identity/login-throttle.js";
import { createLogger } from "../telemetry/log.js";
import { buildApp } from "./app.js";
import { ClusterView } from "./cluster.js";
import { ApiMetrics } from "./plugins/metrics.js";

/** Where the committed document lives (the UI generates its client types from it). */
export const OPENAPI_FILE = "docs/api/openapi.json";

/** No cluster at all: building the routes reads none, and nothing here is started. */
const NO_CLUSTER: KubeConfig = { getCurrentCluster: () => null, applyToHTTPSOptions: async () => {} };

/** No database either: building the routes runs no query. */
const NO_DATABASE: Database = {
  engine: "postgres",
  query: () => Promise.reject(new Error("this app only describes its routes")),
  exec: () => Promise.reject(new Error("this app only describes its routes")),
  transaction: () => Promise.reject(new Error("this app only describes its routes")),
  poolStats: () => ({ total: 0, idle: 0, waiting: 0 }),
  close: async () => {},
};

/**
 * The OpenAPI 3.1 document of the routes, as /api/openapi.json serves it, from an app that is built
 * but never started (no database, no cluster). Deterministic: same code, same bytes.
 */
export async function openApiDocument(): Promise<string> {
  const db = NO_DATABASE;
  const log = createLogger({ level: "error" });
  const config = resolvePlatformConfig({});
  const app = await buildApp({
    db,
    cluster: new ClusterView(NO_CLUSTER, config.sessionNamespace, log),
    config,
    log,
    metrics: new ApiMetrics(db),
    throttle: new LoginThrottle(db),
    web: {},
    version: "document",
  });
  await app.ready();
  const text = `${JSON.stringify(app.swagger(), null, 2)}\n`;
  await app.close();
  return text;
}
