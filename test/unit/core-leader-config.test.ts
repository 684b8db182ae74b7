import { KubeConfig } from "@kubernetes/client-node";
import { expect, test } from "vitest";
import { LeaderElector } from "../../src/core/leader.js";
import { silentLogger } from "../../src/telemetry/log.js";

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

const base = {
  namespace: "ns",
  name: "lease",
  identity: "me",
  onStartedLeading: () => {},
  log: silentLogger,
};

test("a short lease alone is enough: the renew deadline and retry period scale down with it", () => {
  expect(
    () => new LeaderElector({ ...base, kubeConfig: kubeConfig(), leaseDurationSeconds: 3 }),
  ).not.toThrow();
});

test("a renew deadline that is not shorter than the lease is refused, since two leaders could overlap", () => {
  expect(
    () =>
      new LeaderElector({
        ...base,
        kubeConfig: kubeConfig(),
        leaseDurationSeconds: 6,
        renewDeadlineMs: 6000,
      }),
  ).toThrow(/renewDeadlineMs/);
});
