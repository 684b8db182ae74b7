import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import type { ResolvedPlatformConfig } from "../config/platform-config.js";
import type { KubeConfig } from "../core/kubeconfig.js";
import { type Database, type DatabaseTarget, openDatabase } from "../db/database.js";
import { migrate } from "../db/migrate.js";
import { sessionsUrlOf, startConfiguredGateway } from "../gateway/command.js";
import type { RunningGateway } from "../gateway/server.js";
import type { TicketSettings } from "../gateway/ticket.js";
import { createFirstAdmin, type FirstAdmin } from "../identity/first-admin.js";
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

export interface ApiOptions extends Omit<AppOptions, "gateway"> {
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
  /** @default keys of this process's own, no gateway served here (tests of the API alone) */
  readonly gateway?: ApiGatewayOptions;
  /** Created before the API listens, when the database has no user. @default none */
  readonly firstAdmin?: FirstAdmin;
}

/** The API's side of the gateway, and whether this process serves the gateway too. */
export interface ApiGatewayOptions {
  /** The signing keys the gateway verifies with (docs/decisions/0100). */
  readonly tickets: TicketSettings;
  /**
   * Base of session origins.
   * @default `http://localhost:<port>` when this process serves the gateway, else from gateway.sessionsHost
   */
  readonly sessionsUrl?: string;
  /** Serve the gateway in this process on its own ports; absent: a separate `streamspace gateway` does. */
  readonly serve?: {
    readonly port: number;
    readonly metricsPort: number;
    readonly host?: string;
    /** The viewer's build. @default build/ui-viewer */
    readonly viewerDir?: string;
  };
}

export interface RunningApi {
  readonly app: FastifyInstance;
  readonly context: ApiContext;
  /** e.g. http://127.0.0.1:8081 */
  readonly url: string;
  /** The gateway this process serves, if it does. */
  readonly gateway?: RunningGateway;
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

function sessionsUrlFor(config: ResolvedPlatformConfig, gateway: ApiGatewayOptions): string {
  if (gateway.sessionsUrl) return gateway.sessionsUrl;
  if (!gateway.serve) return sessionsUrlOf(config);
  if (gateway.serve.port === 0)
    throw new Error("the gateway's port 0 (any free port) needs an explicit sessions URL naming the port");
  return `http://localhost:${gateway.serve.port}`;
}

/** The gateway in this process, when asked for, on its own port (a single-process install). */
async function serveGateway(options: ApiOptions, db: Database): Promise<RunningGateway | undefined> {
  const gateway = options.gateway;
  if (!gateway?.serve) return undefined;
  return startConfiguredGateway(options.config, {
    database: db,
    kubeConfig: options.kubeConfig,
    tickets: gateway.tickets,
    sessionsUrl: sessionsUrlFor(options.config, gateway),
    port: gateway.serve.port,
    metricsPort: gateway.serve.metricsPort,
    host: gateway.serve.host ?? options.host ?? "0.0.0.0",
    ...(gateway.serve.viewerDir ? { viewerDir: gateway.serve.viewerDir } : {}),
    log: options.log,
  });
}

/** Opens and migrates the database, fills the caches, serves the API (and the gateway when asked). */
export async function startApi(options: ApiOptions): Promise<RunningApi> {
  const db = await openDatabase(options.database);
  let gateway: RunningGateway | undefined;
  try {
    await migrate(db);
    if (options.firstAdmin) await createFirstAdmin(db, options.firstAdmin, options.log);
    gateway = await serveGateway(options, db);
    return await serveApi(options, db, gateway);
  } catch (error) {
    await gateway?.close();
    await db.close();
    throw error;
  }
}

async function serveApi(
  options: ApiOptions,
  db: Database,
  gateway: RunningGateway | undefined,
): Promise<RunningApi> {
  const cluster = new ClusterView(options.kubeConfig, options.config.sessionNamespace, options.log, {
    connections: options.config.api.kubeApiConnections,
  });
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
  const { gateway: link, ...appOptions } = options;
  const app = await buildApp(context, {
    ...appOptions,
    ...(uiDir ? { ui: { dir: uiDir } } : {}),
    ...(link
      ? {
          gateway: {
            sessionsUrl: sessionsUrlFor(options.config, link),
            tickets: link.tickets,
            ...(gateway ? { metrics: gateway.metrics } : {}),
          },
        }
      : {}),
  });
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
    ...(gateway ? { gateway } : {}),
    async stop() {
      clearInterval(timer);
      await app.close();
      await gateway?.close();
      await cluster.stop();
      await db.close();
    },
  };
}
