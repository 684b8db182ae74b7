import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import { parseArgs } from "node:util";
import { parseDuration } from "../api/durations.js";
import { loadPlatformConfig, type ResolvedPlatformConfig } from "../config/platform-config.js";
import { loadKubeConfig } from "../core/kubeconfig.js";
import { createLogger } from "../telemetry/log.js";
import { type GatewayOptions, type RunningGateway, startGateway } from "./server.js";
import { parseSigningKeys } from "./ticket.js";

export const GATEWAY_USAGE = `usage: streamspace gateway [--config FILE] [--port N] [--metrics-port N] [--sessions-url URL]
                          [--ticket-keys-file FILE] [--backend-network CIDR]...

Serves every Session on its own origin (<id>.<sessions host>), admits only its owner (with a ticket
from the API, exchanged for a cookie), wakes hibernated Sessions on access, proxies HTTP and WebSocket
to the Session's endpoints (plain VNC bridged to WebSocket) and counts viewers.

  --config FILE            platform config (YAML or JSON); the gateway section and sessionNamespace
  --port N                 gateway port (default: gateway.port, 8082)
  --metrics-port N         /metrics, /healthz, /readyz (default: gateway.metricsPort, 8083)
  --sessions-url URL       base of session origins (default: from gateway.sessionsHost);
                           http://localhost:8082 for a local run
  --ticket-keys-file FILE  signing keys, <id>=<base64 32 bytes>[,...]; default: $STREAMSPACE_TICKET_KEYS
  --backend-network CIDR   only dial endpoints in this network (repeatable)
  -h, --help               this text`;

/** The base of session origins the config implies: https when the ingress has a certificate. */
export function sessionsUrlOf(config: ResolvedPlatformConfig): string {
  return `${config.ingress.tlsSecretName ? "https" : "http"}://${config.gateway.sessionsHost.replace(/^\*\./, "")}`;
}

function networks(text: string): string[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

function ticketKeys(file: string | undefined): string {
  if (file) return readFileSync(file, "utf8");
  const env = process.env.STREAMSPACE_TICKET_KEYS;
  if (!env)
    throw new Error(
      "no ticket signing keys: set STREAMSPACE_TICKET_KEYS or --ticket-keys-file to <id>=<base64 of 32 random bytes> (openssl rand -base64 32), the same keys the API signs with",
    );
  return env;
}

/** What the platform config does not say: the keys (a Secret), and whatever the command line overrides. */
export type GatewayOverrides = Pick<GatewayOptions, "tickets" | "log"> &
  Partial<Pick<GatewayOptions, "port" | "metricsPort" | "sessionsUrl" | "backendNetworks" | "replica">>;

/**
 * The gateway as the platform config describes it; also how `streamspace api` serves it on its own port
 * in a single-process install.
 */
export function startConfiguredGateway(
  config: ResolvedPlatformConfig,
  overrides: GatewayOverrides,
): Promise<RunningGateway> {
  return startGateway({
    kubeConfig: loadKubeConfig(),
    namespace: config.sessionNamespace,
    sessionsUrl: sessionsUrlOf(config),
    port: config.gateway.port,
    metricsPort: config.gateway.metricsPort,
    replica: process.env.POD_NAME ?? `${hostname()}-${process.pid}`,
    lifecycle: config.sessions,
    trackingIntervalMs: parseDuration(config.gateway.trackingInterval),
    wakeHoldMs: parseDuration(config.gateway.wakeHold),
    backendNetworks: networks(config.gateway.backendNetworks),
    ...overrides,
  });
}

/** `streamspace gateway …`: starts the gateway and stops it cleanly on SIGTERM. */
export async function runGatewayCommand(argv: string[]): Promise<RunningGateway | undefined> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: "string" },
      port: { type: "string" },
      "metrics-port": { type: "string" },
      "sessions-url": { type: "string" },
      "ticket-keys-file": { type: "string" },
      "backend-network": { type: "string", multiple: true },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    console.log(GATEWAY_USAGE);
    return undefined;
  }
  const config = loadPlatformConfig(values.config);
  const port = (name: string, text: string | undefined, fallback: number) => {
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0 || n > 65535)
      throw new Error(`--${name}: "${text}" is not a port number`);
    return n;
  };
  // Everything the command line and config can get wrong is checked before the cluster is contacted.
  const keys = parseSigningKeys(ticketKeys(values["ticket-keys-file"]), "ticket signing keys");
  const ports = {
    port: port("port", values.port, config.gateway.port),
    metricsPort: port("metrics-port", values["metrics-port"], config.gateway.metricsPort),
  };
  const log = createLogger();
  const gateway = await startConfiguredGateway(config, {
    tickets: { keys },
    ...ports,
    ...(values["sessions-url"] ? { sessionsUrl: values["sessions-url"] } : {}),
    ...(values["backend-network"] ? { backendNetworks: values["backend-network"] } : {}),
    log,
  });
  const shutdown = async (signal: string) => {
    log.info("shutting down", { signal });
    await gateway.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
  return gateway;
}
