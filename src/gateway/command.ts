import { hostname } from "node:os";
import { parseDuration } from "../api/durations.js";
import { platformOrigin, type ResolvedPlatformConfig } from "../config/platform-config.js";
import { loadKubeConfig } from "../core/kubeconfig.js";
import { type GatewayOptions, type RunningGateway, startGateway } from "./server.js";

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

/** What the platform config does not say: the keys (a Secret), and whatever the command line overrides. */
export type GatewayOverrides = Pick<GatewayOptions, "tickets" | "log"> &
  Partial<
    Pick<
      GatewayOptions,
      | "kubeConfig"
      | "port"
      | "host"
      | "metricsPort"
      | "sessionsUrl"
      | "backendNetworks"
      | "replica"
      | "viewerDir"
      | "database"
    >
  >;

/**
 * The gateway as the platform config describes it; also how `streamspace api` serves it on its own port
 * in a single-process install.
 */
export function startConfiguredGateway(
  config: ResolvedPlatformConfig,
  overrides: GatewayOverrides,
): Promise<RunningGateway> {
  return startGateway({
    // Only when the caller has none: loading throws outside a cluster without KUBECONFIG.
    kubeConfig: overrides.kubeConfig ?? loadKubeConfig(),
    namespace: config.sessionNamespace,
    sessionsUrl: sessionsUrlOf(config),
    port: config.gateway.port,
    metricsPort: config.gateway.metricsPort,
    replica: process.env.POD_NAME ?? `${hostname()}-${process.pid}`,
    lifecycle: config.sessions,
    trackingIntervalMs: parseDuration(config.gateway.trackingInterval),
    wakeHoldMs: parseDuration(config.gateway.wakeHold),
    adminAccess: config.gateway.adminAccess,
    backendNetworks: networks(config.gateway.backendNetworks),
    portalOrigins: [platformOrigin(config)].filter((o): o is string => o !== undefined),
    ...overrides,
  });
}
