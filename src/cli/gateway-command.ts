import { loadPlatformConfig } from "../config/platform-config.js";
import { openDatabase } from "../db/database.js";
import { migrate } from "../db/migrate.js";
import { startConfiguredGateway } from "../gateway/command.js";
import { createLogger } from "../telemetry/log.js";
import { CommandError, portOption } from "./run-main.js";
import { onSignals } from "./signals.js";
import type { Command } from "./streamspace.js";
import { givenTicketKeys, TICKET_KEYS_HELP } from "./ticket-keys.js";

export const gatewayCommand: Command = {
  usage: `usage: streamspace gateway [--config FILE] [--port N] [--metrics-port N] [--sessions-url URL]
                          [--ticket-keys-file FILE] [--backend-network CIDR]... [--database-url URL]

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
  --database-url URL       the API's PostgreSQL (or STREAMSPACE_DATABASE_URL): replicas sum viewer counts
                           there, write them to Session status, and spend each ticket once across all;
                           without it, counts are annotations and tickets are spent per replica
  -h, --help               this text`,
  options: {
    config: { type: "string" },
    port: { type: "string" },
    "metrics-port": { type: "string" },
    "sessions-url": { type: "string" },
    "ticket-keys-file": { type: "string" },
    "backend-network": { type: "string", multiple: true },
    "database-url": { type: "string" },
  },
  async run(values) {
    const text = (name: string) => values[name] as string | undefined;
    const config = loadPlatformConfig(text("config"));
    // Everything the command line and config can get wrong is checked before the cluster is contacted.
    const keys = givenTicketKeys(text("ticket-keys-file"));
    if (!keys)
      throw new CommandError(
        `no ticket signing keys: set STREAMSPACE_TICKET_KEYS or --ticket-keys-file to ${TICKET_KEYS_HELP}`,
      );
    const ports = {
      port: portOption("port", text("port"), config.gateway.port),
      metricsPort: portOption("metrics-port", text("metrics-port"), config.gateway.metricsPort),
    };
    const networks = values["backend-network"] as string[] | undefined;
    const log = createLogger();
    const url = text("database-url") ?? process.env.STREAMSPACE_DATABASE_URL;
    const database = url ? await openDatabase({ url }) : undefined;
    // The API migrates too; whichever starts first does it, once (an advisory lock).
    if (database) await migrate(database);
    const gateway = await startConfiguredGateway(config, {
      ...(database ? { database } : {}),
      tickets: { keys },
      ...ports,
      ...(text("sessions-url") ? { sessionsUrl: text("sessions-url") } : {}),
      ...(networks ? { backendNetworks: networks } : {}),
      log,
    });
    onSignals(log, async () => {
      await gateway.close();
      await database?.close();
    });
  },
};
