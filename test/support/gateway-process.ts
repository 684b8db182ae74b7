// A gateway as its own process (`streamspace gateway`), with its readiness and metrics, for tests.
import { sessionObjectName } from "../../src/api/names.js";
import type { TicketSettings } from "../../src/gateway/ticket.js";
import type { GatewayEndpoint } from "./gateway.js";
import { spawnGatewayCli } from "./gateway-cli.js";
import { kubeconfigPath, waitFor } from "./kube.js";
import { freePort } from "./vnc-server.js";

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
  databaseUrl?: string,
): Promise<GatewayProcess> {
  const [port, metricsPort] = [await freePort(), await freePort()];
  const child = spawnGatewayCli({
    kubeconfig: kubeconfigPath(),
    namespace,
    tickets,
    replica,
    port,
    metricsPort,
    gateway,
    ...(databaseUrl ? { databaseUrl } : {}),
  });
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
