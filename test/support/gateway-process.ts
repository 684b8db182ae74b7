// A gateway as its own process (`streamspace gateway`), as each replica runs in the cluster.
import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sessionObjectName } from "../../constructs/session/names.js";
import type { TicketSettings } from "../../src/gateway/ticket.js";
import type { GatewayEndpoint } from "./gateway.js";
import { kubeconfigPath, waitFor } from "./kube.js";
import { TEST_HOST_NETWORK } from "./test-host.js";
import { freePort } from "./vnc-server.js";

const cli = fileURLToPath(new URL("../../src/cli/streamspace.ts", import.meta.url));

export interface GatewayProcess extends GatewayEndpoint {
  readonly port: number;
  readonly metricsPort: number;
  origin(sessionName: string): string;
  /** The value of a metric in the process's /metrics, summed over its series. */
  metric(name: string): Promise<number>;
  stop(): Promise<void>;
}

export async function startGatewayProcess(
  namespace: string,
  tickets: TicketSettings,
  replica: string,
  gateway: Record<string, unknown> = {},
): Promise<GatewayProcess> {
  const [port, metricsPort] = [await freePort(), await freePort()];
  const config = join(tmpdir(), `streamspace-gateway-${replica}-${process.pid}.json`);
  writeFileSync(config, JSON.stringify({ namespace, sessionNamespace: namespace, gateway }));
  const keys = tickets.keys.map((k) => `${k.id}=${k.secret.toString("base64")}`).join(",");
  const child: ChildProcess = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      cli,
      "gateway",
      "--config",
      config,
      "--port",
      String(port),
      "--metrics-port",
      String(metricsPort),
      "--sessions-url",
      `http://localhost:${port}`,
      "--backend-network",
      TEST_HOST_NETWORK,
    ],
    {
      env: {
        ...process.env,
        KUBECONFIG: kubeconfigPath(),
        STREAMSPACE_TICKET_KEYS: keys,
        POD_NAME: replica,
        LOG_LEVEL: "error",
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const metricsText = async () => {
    const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`, { signal: AbortSignal.timeout(5000) });
    return res.text();
  };
  await waitFor(
    async () =>
      (await fetch(`http://127.0.0.1:${metricsPort}/readyz`, { signal: AbortSignal.timeout(2000) })).ok,
    { what: `gateway ${replica} ready`, timeoutMs: 60_000, intervalMs: 300 },
  );
  return {
    tickets,
    port,
    metricsPort,
    origin: (name) => `http://${sessionObjectName(name)}.localhost:${port}`,
    async metric(name) {
      const lines = (await metricsText()).split("\n").filter((l) => l.startsWith(name) && !l.startsWith("#"));
      return lines
        .filter((l) => /^[a-z_]+(\{[^}]*\})? /.test(l) && l.split(/[{ ]/)[0] === name)
        .reduce((sum, l) => sum + Number(l.split(" ").at(-1)), 0);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
