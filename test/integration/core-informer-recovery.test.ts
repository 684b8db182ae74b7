import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import type { CoreV1Event, V1ConfigMap } from "@kubernetes/client-node";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import type { ClusterState } from "../../scripts/cluster/cluster.js";
import { Informer, type RestartReason } from "../../src/core/informer.js";
import { silentLogger } from "../../src/telemetry/log.js";
import { FaultyProxy } from "../support/faulty-proxy.js";
import { kubeConfig, kubeconfigPath, kubectl, kubectlJson, useNamespace, waitFor } from "../support/kube.js";

// Faults are injected by a real HTTP proxy in front of the real apiserver: it can cut connections
// (network blip) and stop forwarding bytes while keeping them open (half-dead TCP).
const ns = useNamespace("informer-recovery");
let proxy: FaultyProxy;
const stoppables: Array<{ stop(): Promise<void> }> = [];

beforeAll(async () => {
  proxy = new FaultyProxy(kubeConfig());
  await proxy.listen();
});
afterEach(async () => {
  await Promise.all(stoppables.splice(0).map((s) => s.stop()));
});
afterAll(async () => {
  await proxy?.close();
});

function startInformer(opts: { stallTimeoutMs?: number; staleAfterMs?: number } = {}) {
  const inf = new Informer<V1ConfigMap>({
    kubeConfig: proxy.kubeConfig(),
    resource: { group: "", version: "v1", plural: "configmaps" },
    namespace: ns.name,
    labelSelector: "test=recovery",
    backoff: { baseMs: 200, maxMs: 1000 },
    log: silentLogger,
    ...opts,
  });
  const restarts: RestartReason[] = [];
  inf.on("restart", (reason) => restarts.push(reason));
  inf.start();
  stoppables.push(inf);
  return { informer: inf, restarts };
}

async function apply(name: string, value: string) {
  const cm = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name, namespace: ns.name, labels: { test: "recovery" } },
    data: { value },
  };
  await kubectl(["apply", "-f", "-"], { input: JSON.stringify(cm) });
}

/** The cluster's truth, name → value, straight from the apiserver. */
async function truth(): Promise<Record<string, string>> {
  const list = await kubectlJson<{ items: V1ConfigMap[] }>([
    "get",
    "configmaps",
    "-n",
    ns.name,
    "-l",
    "test=recovery",
  ]);
  return Object.fromEntries(list.items.map((cm) => [cm.metadata?.name ?? "", cm.data?.value ?? ""]));
}

function cached(inf: Informer<V1ConfigMap>): Record<string, string> {
  return Object.fromEntries(inf.store.list().map((cm) => [cm.metadata?.name ?? "", cm.data?.value ?? ""]));
}

async function converges(inf: Informer<V1ConfigMap>, what: string) {
  const want = await truth();
  // Key order aside: the cache holds objects in the order it learnt of them, the list sorts by name.
  await waitFor(() => isDeepStrictEqual(cached(inf), want), { what, timeoutMs: 30_000 });
}

test("after the connection is cut, the informer reconnects and catches up on what it missed", async () => {
  await apply("cut-a", "1");
  await apply("cut-b", "1");
  const { informer: inf, restarts } = startInformer();
  await inf.whenSynced();
  await converges(inf, "initial list");

  proxy.cut();
  await waitFor(() => restarts.length > 0, { what: "a restart after the cut" });
  await apply("cut-a", "2");
  await kubectl(["delete", "configmap", "cut-b", "-n", ns.name]);
  await apply("cut-c", "1");
  // Still disconnected: the cache cannot know yet.
  expect(cached(inf)["cut-a"]).toBe("1");

  proxy.restore();
  await converges(inf, "cache equal to the cluster after reconnecting");
  expect(restarts).not.toContain("expired");
});

test("a watch that goes silent is detected by the watchdog and replaced", async () => {
  await apply("stall-a", "1");
  const { informer: inf, restarts } = startInformer({ stallTimeoutMs: 8000 });
  await inf.whenSynced();
  await waitFor(() => proxy.openWatches() > 0, { what: "the watch to be open" });

  proxy.freeze();
  await apply("stall-a", "2");
  await apply("stall-b", "1");
  await new Promise((r) => setTimeout(r, 500));
  // The frozen connection delivered nothing: only the watchdog can bring these changes in.
  expect(cached(inf)["stall-a"]).toBe("1");

  await converges(inf, "cache equal to the cluster after the stall");
  expect(restarts).toContain("stalled");
});

test("a watch line that is not JSON restarts the watch, and the event it carried still arrives", async () => {
  await apply("garbled-a", "1");
  const { informer: inf, restarts } = startInformer();
  await inf.whenSynced();
  await waitFor(() => proxy.openWatches() > 0, { what: "the watch to be open" });
  proxy.corruptNextEvent();
  await apply("garbled-a", "2");
  await waitFor(() => cached(inf)["garbled-a"] === "2", {
    what: "the change behind the garbled line",
    timeoutMs: 15_000,
  });
  expect(restarts).toContain("unparsable");
});

test("watches that keep failing (a resourceVersion ahead of the server's) end in a relist", async () => {
  await apply("ahead-a", "1");
  // A watch from a resourceVersion the server does not have yet is answered and then stays silent.
  const { informer: inf, restarts } = startInformer({ stallTimeoutMs: 2000 });
  await inf.whenSynced();
  await waitFor(() => proxy.openWatches() > 0, { what: "the watch to be open" });
  // As after an etcd restore: every watch asks for a resourceVersion the server does not have yet.
  proxy.futureResourceVersion = true;
  try {
    proxy.cut();
    proxy.restore();
    await apply("ahead-a", "2");
    await apply("ahead-b", "1");
    await converges(inf, "cache equal to the cluster through a relist");
    expect(restarts).toContain("stalled");
  } finally {
    proxy.futureResourceVersion = false;
  }
});

test("a cache out of contact with the server for too long is not healthy, and is again once back", async () => {
  await apply("stale-a", "1");
  const { informer: inf } = startInformer({ stallTimeoutMs: 1000, staleAfterMs: 3000 });
  await inf.whenSynced();
  expect(inf.healthy).toBe(true);
  proxy.cut();
  try {
    await waitFor(() => !inf.healthy, { what: "the cache reported stale", timeoutMs: 10_000 });
  } finally {
    proxy.restore();
  }
  await waitFor(() => inf.healthy, { what: "the cache healthy again", timeoutMs: 15_000 });
});

/** Compacts etcd's history up to now, as kube-apiserver does every 5 minutes. */
async function compactEtcd(): Promise<void> {
  const statePath = join(dirname(kubeconfigPath()), "state.json");
  const state = JSON.parse(readFileSync(statePath, "utf8")) as ClusterState;
  const kv = `http://127.0.0.1:${state.ports.etcd}/v3/kv`;
  const post = async (op: string, body: unknown) => {
    const res = await fetch(`${kv}/${op}`, { method: "POST", body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`etcd ${op}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { header: { revision: string } };
  };
  const { header } = await post("range", { key: Buffer.from("/").toString("base64") });
  await post("compaction", { revision: header.revision, physical: true });
}

test("a watch resuming from a compacted resourceVersion gets 410 Gone, relists and emits what changed", async () => {
  // kube-apiserver keeps no watch cache for Events, so their watches resume from etcd itself, where
  // compaction makes an old resourceVersion unavailable: the 410 comes from the real server.
  const reason = "CoreInformerTest";
  const createEvent = (name: string) =>
    kubectl(["create", "-f", "-"], {
      input: JSON.stringify({
        apiVersion: "v1",
        kind: "Event",
        metadata: { name, namespace: ns.name },
        involvedObject: { kind: "ConfigMap", name: "subject", namespace: ns.name, apiVersion: "v1" },
        reason,
        message: "informer recovery test",
        type: "Normal",
      }),
    });
  await createEvent("gone-a");
  await createEvent("gone-b");
  const inf = new Informer<CoreV1Event>({
    kubeConfig: proxy.kubeConfig(),
    resource: { group: "", version: "v1", plural: "events" },
    namespace: ns.name,
    fieldSelector: `reason=${reason}`,
    backoff: { baseMs: 200, maxMs: 1000 },
    log: silentLogger,
  });
  stoppables.push(inf);
  const restarts: RestartReason[] = [];
  const added: string[] = [];
  const deleted: string[] = [];
  inf.on("restart", (r) => restarts.push(r));
  inf.on("add", (e) => added.push(e.metadata?.name ?? ""));
  inf.on("delete", (e) => deleted.push(e.metadata?.name ?? ""));
  inf.start();
  await inf.whenSynced();
  const names = () =>
    inf.store
      .list()
      .map((e) => e.metadata?.name)
      .sort();
  expect(names()).toEqual(["gone-a", "gone-b"]);
  await waitFor(() => proxy.openWatches() > 0, { what: "the watch to be open" });

  // Held, not cut: a watch failing again and again is relisted before it could learn of the 410.
  proxy.hang();
  await kubectl(["delete", "event", "gone-a", "-n", ns.name]);
  await createEvent("gone-c");
  await compactEtcd();
  proxy.cut();
  proxy.restore();

  await waitFor(() => restarts.includes("expired"), { what: "410 Gone for the compacted resourceVersion" });
  await waitFor(() => JSON.stringify(names()) === JSON.stringify(["gone-b", "gone-c"]), {
    what: "the relist",
  });
  expect(deleted).toEqual(["gone-a"]);
  expect(added).toEqual(["gone-a", "gone-b", "gone-c"]);
});
