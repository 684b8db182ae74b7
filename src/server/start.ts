import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import type { ResolvedPlatformConfig } from "../config/platform-config.js";
import type { KubeConfig } from "../core/kubeconfig.js";
import { type DatabaseTarget, openDatabase } from "../db/database.js";
import { migrate } from "../db/migrate.js";
import { LoginThrottle, type ThrottleOptions } from "../identity/login-throttle.js";
import { OidcLogin, type OidcOptions } from "../identity/oidc.js";
import type { Logger } from "../telemetry/log.js";
import { type AppOptions, buildApp } from "./app.js";
import { ClusterView } from "./cluster.js";
import type { ApiContext, WebOptions } from "./context.js";
import { pruneAudit } from "./plugins/audit.js";
import { ApiMetrics } from "./plugins/metrics.js";
import { defaultUiDir } from "./plugins/ui.js";
import { readSettings } from "./settings.js";

export interface ApiOptions extends AppOptions {
  readonly config: ResolvedPlatformConfig;
  readonly kubeConfig: KubeConfig;
  readonly database: DatabaseTarget;
  readonly log: Logger;
  /** 0 picks a free port. @default 8081 */
  readonly port?: number;
  /** @default "0.0.0.0" */
  readonly host?: string;
  readonly web?: WebOptions;
  readonly oidc?: OidcOptions;
  readonly throttle?: ThrottleOptions;
}

export interface RunningApi {
  readonly app: FastifyInstance;
  readonly context: ApiContext;
  /** e.g. http://127.0.0.1:8081 */
  readonly url: string;
  stop(): Promise<void>;
}

const AUDIT_PRUNE_MS = 3600_000;

/** The package's version: package.json is two folders up from src/server, three from build/src/server. */
function packageVersion(): string {
  for (const up of ["../../package.json", "../../../package.json"]) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), "utf8")) as {
        name?: string;
        version: string;
      };
      if (pkg.name === "streamspace") return pkg.version;
    } catch {}
  }
  return "unknown";
}

export const VERSION = packageVersion();

/** Opens and migrates the database, fills the caches, and serves the API. */
export async function startApi(options: ApiOptions): Promise<RunningApi> {
  const db = await openDatabase(options.database);
  await migrate(db);
  const cluster = new ClusterView(options.kubeConfig, options.config.sessionNamespace, options.log);
  cluster.start();
  const context: ApiContext = {
    db,
    cluster,
    config: options.config,
    log: options.log,
    metrics: new ApiMetrics(db),
    throttle: new LoginThrottle(db, options.throttle),
    web: options.web ?? {},
    ...(options.oidc ? { oidc: new OidcLogin(db, options.oidc) } : {}),
    version: VERSION,
  };
  // The portal when it was built (npm run build:ui); the API works without it.
  const uiDir = options.ui === undefined ? defaultUiDir() : undefined;
  const app = await buildApp(context, uiDir ? { ...options, ui: { dir: uiDir } } : options);
  const prune = async () =>
    pruneAudit(db, (await readSettings(db)).auditRetentionDays).catch((error: unknown) =>
      options.log.warn("audit retention not applied", { error: String(error) }),
    );
  await prune();
  const timer = setInterval(() => void prune(), AUDIT_PRUNE_MS);
  timer.unref();
  await app.listen({ port: options.port ?? 8081, host: options.host ?? "0.0.0.0" });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  options.log.info("api listening", { port, database: db.engine, namespace: cluster.namespace });
  return {
    app,
    context,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      clearInterval(timer);
      await app.close();
      await cluster.stop();
      await db.close();
    },
  };
}
