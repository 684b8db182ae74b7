// A short lease alone is enough: with only leaseDurationSeconds set (6 s, under the 10 s default renew
// deadline), the renew deadline and the retry period scale down with it, so the leader keeps its Lease
// renewed in time and a second candidate with the same settings never takes over while the leader runs.
import type { V1Lease } from "@kubernetes/client-node";
import { afterAll, expect, test } from "vitest";
import { LeaderElector } from "../../src/core/leader.js";
import { silentLogger } from "../../src/telemetry/log.js";
import { kubeConfig, kubectlJson, useNamespace, waitFor } from "../support/kube.js";

const ns = useNamespace("leader-short");
const electors: LeaderElector[] = [];
afterAll(() => Promise.all(electors.map((e) => e.stop())));

function candidate(identity: string): LeaderElector {
  const e = new LeaderElector({
    kubeConfig: kubeConfig(),
    namespace: ns.name,
    name: "short",
    identity,
    leaseDurationSeconds: 6,
    onStartedLeading: () => {},
    log: silentLogger,
  });
  electors.push(e);
  e.start();
  return e;
}

test("with only a 6 s lease set, the leader keeps the Lease across many lease periods", async () => {
  const first = candidate("first");
  await waitFor(() => first.isLeader, { what: "the first candidate to lead" });
  const second = candidate("second");
  const renewals = new Set<string>();
  // Fifteen seconds, more than two lease periods: without renewals every lease period, the second would lead.
  for (let i = 0; i < 30; i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const lease = await kubectlJson<V1Lease>(["get", "lease", "short", "-n", ns.name]);
    expect(lease.spec?.holderIdentity).toBe("first");
    expect(second.isLeader).toBe(false);
    renewals.add(String(lease.spec?.renewTime));
  }
  expect(first.isLeader).toBe(true);
  // Renewed over and over, not merely held once: more often than once per lease period.
  expect(renewals.size).toBeGreaterThanOrEqual(4);
});
