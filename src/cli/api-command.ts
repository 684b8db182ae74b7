import {
  loadPlatformConfig,
  platformOrigin,
  type ResolvedPlatformConfig,
} from "../config/platform-config.js";

import { ephemeralTicketSettings, type TicketSettings } from "../gateway/ticket.js";
import type { FirstAdmin } from "../identity/first-admin.js";
import type { OidcOptions } from "../identity/oidc.js";
import { startApi } from "../server/start.js";
import { createLogger, type Logger } from "../telemetry/log.js";
import { DATABASE_USAGE, databaseOptions, databaseTarget } from "./database-args.js";
import { CommandError, cliKubeConfig, portOption } from "./run-main.js";
import { onSignals } from "./signals.js";
import type { Command } from "./streamspace.js";
import { givenTicketKeys, TICKET_KEYS_HELP } from "./ticket-keys.js";

/** OIDC from the config, with the client secret from the environment (the Deployment maps the Secret). */
function oidcOptions(config: ResolvedPlatformConfig, origin: string): OidcOptions | undefined {
  const o = config.api.oidc;
  if (!o.issuer) return undefined;
  const clientSecret = process.env.STREAMSPACE_OIDC_CLIENT_SECRET;
  if (!o.clientId || !clientSecret)
    throw new CommandError(
      "api.oidc.issuer is set: set api.oidc.clientId and STREAMSPACE_OIDC_CLIENT_SECRET too",
    );
  return {
    issuer: o.issuer,
    ...(o.displayName ? { displayName: o.displayName } : {}),
    clientId: o.clientId,
    clientSecret,
    redirectUri: `${origin}/api/v1/auth/oidc/callback`,
    usernameClaim: o.usernameClaim,
    groupsClaim: o.groupsClaim,
    ...(o.adminGroup ? { adminGroup: o.adminGroup } : {}),
    allowHttp: o.issuer.startsWith("http://"),
  };
}

/** The first admin, from STREAMSPACE_ADMIN_USERNAME/PASSWORD (a Secret), when both are set. */
function firstAdmin(): FirstAdmin | undefined {
  const name = process.env.STREAMSPACE_ADMIN_USERNAME;
  const password = process.env.STREAMSPACE_ADMIN_PASSWORD;
  return name && password ? { name, password } : undefined;
}

/**
 * The keys tickets are signed with: the Secret's (env) or a file's; without either, a key of this
 * process's own, which only its in-process gateway knows (docs/decisions/0100).
 */
function ticketSettings(file: string | undefined, servesGateway: boolean, log: Logger): TicketSettings {
  const keys = givenTicketKeys(file);
  if (keys) return { keys };
  if (!servesGateway)
    throw new CommandError(
      `--no-gateway: a separate gateway verifies the tickets, so set STREAMSPACE_TICKET_KEYS or --ticket-keys-file to ${TICKET_KEYS_HELP}`,
    );
  log.info("no ticket keys given: signing with a key of this process, for its own gateway only");
  return ephemeralTicketSettings();
}

export const apiCommand: Command = {
  usage: `usage: streamspace api [--config FILE] [--port N] [--host ADDR] [--data-dir DIR | --database-url URL]
                      [--gateway-port N] [--gateway-metrics-port N] [--no-gateway]
                      [--sessions-url URL] [--ticket-keys-file FILE]

Serves the StreamSpace API (/api/v1, /api/openapi.json, /healthz, /readyz, /metrics) and the web portal,
and the session gateway on a port of its own. Reads Sessions and Templates through KUBECONFIG, or
in-cluster credentials.
  --config FILE               platform config (YAML or JSON); default: all defaults
  --port N                    port to listen on (default: api.port, 8081)
  --host ADDR                 address to listen on (default 0.0.0.0)
${DATABASE_USAGE}
  --gateway-port N            the gateway's port (default: gateway.port, 8082)
  --gateway-metrics-port N    the gateway's /metrics, /healthz, /readyz (default: gateway.metricsPort, 8083)
  --no-gateway                serve no gateway here (separate streamspace gateway replicas do)
  --sessions-url URL          base of session origins (default: http://localhost:<gateway port> with
                              the gateway here, else from gateway.sessionsHost)
  --ticket-keys-file FILE     ticket signing keys, <id>=<base64 32 bytes>[,...]; default:
                              $STREAMSPACE_TICKET_KEYS, else (gateway here only) a key of this process
  -h, --help                  this text
Environment: STREAMSPACE_TICKET_KEYS, STREAMSPACE_OIDC_CLIENT_SECRET, STREAMSPACE_ADMIN_USERNAME and
STREAMSPACE_ADMIN_PASSWORD (the first admin, created when there is no user yet).`,
  options: {
    config: { type: "string" },
    port: { type: "string" },
    host: { type: "string" },
    ...databaseOptions,
    "gateway-port": { type: "string" },
    "gateway-metrics-port": { type: "string" },
    "no-gateway": { type: "boolean" },
    "sessions-url": { type: "string" },
    "ticket-keys-file": { type: "string" },
  },
  async run(values) {
    const config = loadPlatformConfig(values.config as string | undefined);
    const text = (name: string) => values[name] as string | undefined;
    const port = portOption("port", text("port"), config.api.port);
    const servesGateway = values["no-gateway"] !== true;
    const gatewayPorts = {
      port: portOption("gateway-port", text("gateway-port"), config.gateway.port),
      metricsPort: portOption(
        "gateway-metrics-port",
        text("gateway-metrics-port"),
        config.gateway.metricsPort,
      ),
    };
    const log = createLogger();
    const tickets = ticketSettings(text("ticket-keys-file"), servesGateway, log);
    const publicOrigin = platformOrigin(config);
    const origin = publicOrigin ?? `http://localhost:${port}`;
    const admin = firstAdmin();
    const api = await startApi({
      config,
      kubeConfig: cliKubeConfig(),
      database: databaseTarget(values),
      log,
      port,
      host: (values.host as string | undefined) ?? "0.0.0.0",
      web: {
        ...(publicOrigin ? { publicOrigin } : {}),
        ...(config.api.cookieDomain ? { cookieDomain: config.api.cookieDomain } : {}),
      },
      trustedProxies: config.api.trustedProxies
        .split(",")
        .map((p) => p.trim())
        .filter(Boolean),
      ...(oidcOptions(config, origin) ? { oidc: oidcOptions(config, origin) as OidcOptions } : {}),
      ...(admin ? { firstAdmin: admin } : {}),
      gateway: {
        tickets,
        ...(text("sessions-url") ? { sessionsUrl: text("sessions-url") } : {}),
        ...(servesGateway ? { serve: gatewayPorts } : {}),
      },
    });
    onSignals(log, () => api.stop());
  },
};
