import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnnotationConnectionStore } from "../../src/gateway/connections.js";
import { createLogger } from "../../src/telemetry/log.js";
import {
  closeAll,
  opened,
  openViewer,
  signIn,
  testTicketSettings,
  useRecordingApp,
  watchedSharedSession,
} from "../support/gateway.js";
import { type GatewayProcess, startGatewayProcess } from "../support/gateway-process.js";
import { kubeConfig, useNamespace, waitFor } from "../support/kube.js";

const ns = useNamespace("gw-counts");
const INTERVAL_S = 2;
const log = createLogger({ level: "error" });
const site = useRecordingApp();
let gateways: GatewayProcess[] = [];
let watched: Awaited<ReturnType<typeof watchedSharedSession>>;

beforeAll(async () => {
  watched = await watchedSharedSession(ns.name, site.app);
  const tickets = testTicketSettings();
  gateways = await Promise.all(
    ["gw-a", "gw-b"].map((replica) =>
      startGatewayProcess(ns.name, tickets, replica, { trackingInterval: `${INTERVAL_S}s` }),
    ),
  );
}, 120_000);

afterAll(async () => {
  await watched?.watch.stop();
  await Promise.all(gateways.map((g) => g.stop()));
});

async function totals(): Promise<{ active: number; total: number }> {
  const s = watched.watch.store.get(`${ns.name}/shared`);
  return s
    ? new AnnotationConnectionStore(kubeConfig(), 600_000, log).totals(s, Date.now())
    : { active: -1, total: -1 };
}

describe("connection tracking across gateway replicas", () => {
  it("counts 200 viewers over two processes, and writes at most once per Session per interval per replica", async () => {
    const cookies = await Promise.all(gateways.map((g) => signIn(g, ns.name, "shared")));
    const started = Date.now();
    const viewers = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const g = i % 2;
        const ws = openViewer(gateways[g] as GatewayProcess, "shared", cookies[g]);
        await opened(ws);
        return ws;
      }),
    );
    // Heartbeats: every viewer sends every 100 ms, thousands of messages in all.
    const heartbeat = setInterval(() => {
      for (const ws of viewers) ws.send("ping");
    }, 100);
    await waitFor(async () => (await totals()).active === 200 || undefined, {
      what: "200 active viewers",
      timeoutMs: 30_000,
    });
    expect((await totals()).total).toBe(200);
    await new Promise((r) => setTimeout(r, 3 * INTERVAL_S * 1000));
    clearInterval(heartbeat);
    await closeAll(viewers);
    await waitFor(async () => (await totals()).active === 0 || undefined, {
      what: "no active viewers",
      timeoutMs: 30_000,
    });
    expect(await totals()).toMatchObject({ active: 0, total: 200 });

    const seconds = (Date.now() - started) / 1000;
    const bound = 2 * (Math.ceil(seconds / INTERVAL_S) + 1);
    const reported = (
      await Promise.all(gateways.map((g) => g.metric("streamspace_gateway_tracking_writes_total")))
    ).reduce((a, b) => a + b);
    expect(watched.writes()).toBeGreaterThan(0);
    expect(watched.writes()).toBeLessThanOrEqual(bound);
    expect(reported).toBeLessThanOrEqual(bound);
  });
});
