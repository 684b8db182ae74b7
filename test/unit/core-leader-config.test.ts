import { KubeConfig } from "@kubernetes/client-node";
import { expect, test } from "vitest";
import { LeaderElector } from "../../src/core/leader.js";
import { silentLogger } from "../../src/telemetry/log.js";

// That a short lease alone is enough (renew deadline and retry period scale down with it) is shown
// against a real API server: test/integration/core-leader-short-lease.test.ts.

function kubeConfig(): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: "c", server: "https://127.0.0.1:6443" }],
    users: [{ name: "u" }],
    contexts: [{ name: "c", cluster: "c", user: "u" }],
    currentContext: "c",
  });
  return kc;
}

test("a renew deadline that is not shorter than the lease is refused, since two leaders could overlap", () => {
  expect(
    () =>
      new LeaderElector({
        kubeConfig: kubeConfig(),
        namespace: "ns",
        name: "lease",
        identity: "me",
        onStartedLeading: () => {},
        log: silentLogger,
        leaseDurationSeconds: 6,
        renewDeadlineMs: 6000,
      }),
  ).toThrow(/renewDeadlineMs/);
});
