// Starts `streamspace gateway` as its own process for a namespace, as a replica runs in the cluster
// (tests and the gateway benchmark). Sessions are at http://<id>.localhost:<port>; only test hosts are dialed.
import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TicketSettings } from "../../src/gateway/ticket.js";
import { TEST_HOST_NETWORK } from "./test-host.js";

const cli = fileURLToPath(new URL("../../src/cli/streamspace.ts", import.meta.url));

export interface GatewayCliOptions {
  readonly kubeconfig: string;
  readonly namespace: string;
  readonly tickets: TicketSettings;
  readonly replica: string;
  readonly port: number;
  readonly metricsPort: number;
  /** The config's `gateway` section. */
  readonly gateway?: Record<string, unknown>;
  /** The API's PostgreSQL, shared by replicas. */
  readonly databaseUrl?: string;
}

export function spawnGatewayCli(opts: GatewayCliOptions): ChildProcess {
  const config = join(tmpdir(), `streamspace-gateway-${opts.replica}-${process.pid}.json`);
  writeFileSync(
    config,
    JSON.stringify({
      namespace: opts.namespace,
      sessionNamespace: opts.namespace,
      gateway: opts.gateway ?? {},
    }),
  );
  const keys = opts.tickets.keys.map((k) => `${k.id}=${k.secret.toString("base64")}`).join(",");
  const args = ["--config", config, "--port", String(opts.port), "--metrics-port", String(opts.metricsPort)];
  args.push("--sessions-url", `http://localhost:${opts.port}`, "--backend-network", TEST_HOST_NETWORK);
  if (opts.databaseUrl) args.push("--database-url", opts.databaseUrl);
  return spawn(process.execPath, ["--import", "tsx", cli, "gateway", ...args], {
    env: {
      ...process.env,
      KUBECONFIG: opts.kubeconfig,
      STREAMSPACE_TICKET_KEYS: keys,
      POD_NAME: opts.replica,
      LOG_LEVEL: "error",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
}
