/**
 * `npm run bench -- gateway-wake`: wake on access with a real pod. A desktop Session of the test image
 * on the local cluster's real node hibernates when idle; a viewer's WebSocket through the gateway wakes
 * it, is held until the new pod is Ready, and is bridged to its VNC server: the time from the request
 * to the first byte from the woken pod (the RFB greeting), `BENCH_WAKES` times (default 5).
 * Needs KUBECONFIG_BENCH: a cluster with the real node (the shared `rn`); the reconciler and the
 * gateway run in this process.
 */
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import WebSocket from "ws";
import { SESSION_LABEL } from "../../src/api/labels.js";
import { sessionObjectName } from "../../src/api/names.js";
import { resolvePlatformConfig } from "../../src/config/platform-config.js";
import { loadKubeConfigFile } from "../../src/core/kubeconfig.js";
import { type RunningGateway, startGateway } from "../../src/gateway/server.js";
import { issueTicket, parseSigningKeys } from "../../src/gateway/ticket.js";
import { type RunningReconciler, startReconciler } from "../../src/reconciler/start.js";
import { createLogger } from "../../src/telemetry/log.js";
import { get, loopback } from "../../test/support/gateway.js";
import { fixtureTemplate } from "../../test/support/real-node.js";
import { REAL_NODE_PLACEMENT } from "../cluster/real-node.js";
import { freePort, kubectl, progress as log, now, sleep } from "./sessions-support.js";
import { fmt, percentile } from "./stats.js";

const progress = (line: string) => log(`gateway-wake: ${line}`);
const WAIT_MS = 180_000;

/** ms from opening a viewer's WebSocket to its first message (the pod's RFB greeting). */
function firstByte(url: string, cookie: string, origin: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = now();
    const ws = new WebSocket(url, ["binary"], { headers: { Cookie: cookie }, origin, lookup: loopback });
    const timer = setTimeout(() => reject(new Error("no first byte within the hold")), WAIT_MS);
    ws.once("message", () => {
      clearTimeout(timer);
      resolve(now() - start);
      ws.close();
    });
    ws.once("unexpected-response", (_q, res) => reject(new Error(`refused: HTTP ${res.statusCode}`)));
    ws.once("error", reject);
  });
}

export async function benchGatewayWake(): Promise<string> {
  const kubeconfig = process.env.KUBECONFIG_BENCH;
  if (!kubeconfig) throw new Error("KUBECONFIG_BENCH must name a cluster with the real node (rn)");
  const runs = Number(process.env.BENCH_WAKES ?? 5);
  const ns = `bench-gw-wake-${Date.now().toString(36)}`;
  const k = (args: string[], input?: string) => kubectl(kubeconfig, args, input ? { input } : {});
  const load = () => (loadavg()[0] ?? 0).toFixed(1);
  let reconciler: RunningReconciler | undefined;
  let gateway: RunningGateway | undefined;
  try {
    await k(["create", "namespace", ns]);
    const config = resolvePlatformConfig({
      namespace: ns,
      sessionNamespace: ns,
      sessions: { ...REAL_NODE_PLACEMENT, home: { mode: "ephemeral" } },
    });
    const kubeConfig = loadKubeConfigFile(kubeconfig);
    reconciler = await startReconciler({
      kubeConfig,
      config,
      identity: "bench-gateway-wake",
      leaderElection: false,
      metricsPort: 0,
      log: createLogger({ level: "error" }),
    });
    const apply = (o: unknown) =>
      k(["apply", "--server-side", "--field-manager=bench", "-f", "-"], JSON.stringify(o));
    await apply(fixtureTemplate("desktop-test.yaml", ns));
    await apply({
      apiVersion: "stream.streamspace.io/v1alpha1",
      kind: "Session",
      metadata: { name: "napper", namespace: ns },
      spec: { user: "alice", template: "desktop-test", idleTimeout: "5s" },
    });
    const keys = parseSigningKeys(`bench=${randomBytes(32).toString("base64")}`);
    const port = await freePort();
    gateway = await startGateway({
      kubeConfig,
      namespace: ns,
      sessionsUrl: `http://localhost:${port}`,
      tickets: { keys },
      port,
      host: "127.0.0.1",
      metricsPort: 0,
      replica: "bench",
      lifecycle: config.sessions,
      trackingIntervalMs: 1000,
      wakeHoldMs: WAIT_MS,
      log: createLogger({ level: "error" }),
    });
    const phase = async () =>
      (await k(["get", "session", "napper", "-n", ns, "-o", "jsonpath={.status.phase}"])).trim();
    const uid = (await k(["get", "session", "napper", "-n", ns, "-o", "jsonpath={.metadata.uid}"])).trim();
    const origin = `http://${sessionObjectName("napper")}.localhost:${port}`;
    const ticket = issueTicket({ keys }, { user: "alice", session: `${ns}/napper`, uid });
    const signedIn = await get(`${origin}/_streamspace/auth?ticket=${ticket}`);
    const cookie = signedIn.headers["set-cookie"]?.[0]?.split(";")[0];
    if (!cookie) throw new Error(`ticket refused: HTTP ${signedIn.status}`);
    const loads: string[] = [];
    const wakes: number[] = [];
    for (let i = 0; i < runs; i++) {
      progress(`wake ${i + 1} of ${runs}: waiting for idle hibernation`);
      for (let waited = 0; (await phase()) !== "Hibernated"; waited += 500) {
        if (waited > WAIT_MS) throw new Error("the Session did not idle-hibernate");
        await sleep(500);
      }
      // The pod is gone too, so the wake starts a container.
      await k(["wait", "--for=delete", "pod", "-l", `${SESSION_LABEL}=napper`, "-n", ns, "--timeout=120s"]);
      loads.push(load());
      wakes.push(await firstByte(`ws://${new URL(origin).host}/`, cookie, origin));
    }
    return [
      `Wake on access with a real pod (\`rn\`, the desktop test image, ephemeral home): request (a viewer's`,
      `WebSocket through the gateway) for an idle-hibernated Session → first byte from the woken pod (its`,
      `RFB greeting through the bridge), ${runs} wakes; reconciler and gateway in the benchmark's process.`,
      `p50 **${fmt(percentile(wakes, 50))} ms**, p95 **${fmt(percentile(wakes, 95))} ms**, max ${fmt(Math.max(...wakes))} ms. Load average at each wake: ${loads.join(", ")}.`,
      "",
      "Command: `KUBECONFIG_BENCH=~/.cache/streamspace/clusters/rn/kubeconfig npm run bench -- gateway-wake`.",
    ].join("\n");
  } finally {
    await gateway?.close();
    await reconciler?.stop();
    await k(["delete", "namespace", ns, "--wait=false"]).catch(() => {});
  }
}
