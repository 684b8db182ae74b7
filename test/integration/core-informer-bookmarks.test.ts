import type { V1ConfigMap } from "@kubernetes/client-node";
import { expect, test } from "vitest";
import { Informer, type RestartReason } from "../../src/core/informer.js";
import { silentLogger } from "../../src/telemetry/log.js";
import { kubeConfig, kubectl, useNamespace } from "../support/kube.js";

const ns = useNamespace("informer-bookmarks");

// The stall watchdog is only safe if a healthy but quiet watch still hears from the server: the
// apiserver sends a BOOKMARK about once a minute to watches that ask for them.
test("a quiet, healthy watch is kept alive by bookmarks, which also advance its resourceVersion", async () => {
  const informer = new Informer<V1ConfigMap>({
    kubeConfig: kubeConfig(),
    resource: { group: "", version: "v1", plural: "configmaps" },
    namespace: ns.name,
    labelSelector: "test=quiet",
    stallTimeoutMs: 68_000,
    log: silentLogger,
  });
  const restarts: RestartReason[] = [];
  informer.on("restart", (reason) => restarts.push(reason));
  informer.start();
  try {
    await informer.whenSynced();
    const listed = Number(informer.lastResourceVersion);
    // A write the informer does not select: the collection's resourceVersion moves on without an event.
    await kubectl(["create", "configmap", "unselected", "-n", ns.name]);
    await new Promise((r) => setTimeout(r, 75_000));
    expect(restarts).toEqual([]);
    expect(Number(informer.lastResourceVersion)).toBeGreaterThan(listed);
    expect(informer.store.size).toBe(0);
  } finally {
    await informer.stop();
  }
});
