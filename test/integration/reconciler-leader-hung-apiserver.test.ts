// The leader's API server stops answering (connections stay open, nothing comes back: not a crash):
// the leader stops its work within its renew deadline plus one retry, the other replica takes over,
// and at no moment do both lead, so no Session is written by two leaders.
import { afterAll, beforeAll, expect, test } from "vitest";
import { resolvePlatformConfig } from "../../src/config/platform-config.js";
import { type RunningReconciler, startReconciler } from "../../src/reconciler/start.js";
import { createLogger } from "../../src/telemetry/log.js";
import { FaultyProxy } from "../support/faulty-proxy.js";
import { kubeConfig, useNamespace, waitFor } from "../support/kube.js";
import { apply, desktopTemplate, installCrds, session, waitForSession } from "../support/streamspace.js";

const LEASE_SECONDS = 6;
// What the elector derives from a 6 s lease: renew deadline 2/3 of it, retries every half of that.
const RENEW_DEADLINE_MS = 4000;
const RETRY_MS = 2000;

const ns = useNamespace("ss-leader-hung");
const proxy = new FaultyProxy(kubeConfig());
const replicas: RunningReconciler[] = [];

function replica(identity: string, kc: ReturnType<typeof kubeConfig>): Promise<RunningReconciler> {
  return startReconciler({
    kubeConfig: kc,
    config: resolvePlatformConfig({
      namespace: ns.name,
      sessionNamespace: ns.name,
      sessions: { home: { mode: "ephemeral" } },
    }),
    identity,
    metricsPort: 0,
    leaseDurationSeconds: LEASE_SECONDS,
    log: createLogger({ level: "error" }),
  });
}

beforeAll(async () => {
  await installCrds();
  await proxy.listen();
  await apply(desktopTemplate(ns.name, "firefox"));
});
afterAll(async () => {
  proxy.restore();
  await Promise.all(replicas.map((r) => r.stop()));
  await proxy.close();
});

test("a leader whose API server hangs stops leading before the other replica starts", async () => {
  const hung = await replica("through-proxy", proxy.kubeConfig() as unknown as ReturnType<typeof kubeConfig>);
  replicas.push(hung);
  await waitFor(() => hung.isLeader(), { what: "the proxied replica leading", timeoutMs: 30_000 });
  const healthy = await replica("direct", kubeConfig());
  replicas.push(healthy);

  let overlap = false;
  const sampler = setInterval(() => {
    if (hung.isLeader() && healthy.isLeader()) overlap = true;
  }, 20);
  try {
    proxy.hang();
    const hungAt = Date.now();
    await waitFor(() => !hung.isLeader(), {
      what: "the hung leader to stop",
      timeoutMs: 20_000,
      intervalMs: 50,
    });
    const stoppedAfterMs = Date.now() - hungAt;
    await waitFor(() => healthy.isLeader(), { what: "the other replica leading", timeoutMs: 30_000 });
    await apply(session(ns.name, "s1", { template: "firefox" }));
    await waitForSession(
      ns.name,
      "s1",
      (s) => (s.status?.inventory?.length ?? 0) === 3,
      "reconciled by the new leader",
    );
    proxy.restore();
    // The old leader's connections come back: it must stay a follower.
    await new Promise((r) => setTimeout(r, 3 * RETRY_MS));
    expect(hung.isLeader()).toBe(false);
    expect(overlap).toBe(false);
    expect(stoppedAfterMs).toBeLessThan(RENEW_DEADLINE_MS + RETRY_MS + 1000);
  } finally {
    clearInterval(sampler);
  }
});
