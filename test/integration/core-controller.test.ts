import type { V1ConfigMap } from "@kubernetes/client-node";
import { afterAll, beforeAll, expect, test } from "vitest";
import { Controller } from "../../src/core/controller.js";
import { Informer } from "../../src/core/informer.js";
import { objectKey } from "../../src/core/store.js";
import { silentLogger } from "../../src/telemetry/log.js";
import { ReconcilerMetrics } from "../../src/telemetry/metrics.js";
import { kubeConfig, kubectl, useNamespace, waitFor } from "../support/kube.js";

// ConfigMaps stand in for Sessions (label role=session, data.template) and Templates (role=template), so
// the wiring a real controller uses runs against a real apiserver without depending on the CRDs.
const ns = useNamespace("controller");
const resource = { group: "", version: "v1", plural: "configmaps" };
let sessions: Informer<V1ConfigMap>;
let templates: Informer<V1ConfigMap>;

const apply = (name: string, role: string, data: Record<string, string>) =>
  kubectl(["apply", "-f", "-"], {
    input: JSON.stringify({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name, namespace: ns.name, labels: { role } },
      data,
    }),
  });

beforeAll(async () => {
  await apply("s1", "session", { template: "firefox" });
  await apply("s2", "session", { template: "gimp" });
  await apply("firefox", "template", { image: "firefox:1" });
  sessions = new Informer<V1ConfigMap>({
    kubeConfig: kubeConfig(),
    resource,
    namespace: ns.name,
    labelSelector: "role=session",
    indexers: { template: (s) => [`${s.metadata?.namespace}/${s.data?.template}`] },
    log: silentLogger,
  });
  templates = new Informer<V1ConfigMap>({
    kubeConfig: kubeConfig(),
    resource,
    namespace: ns.name,
    labelSelector: "role=template",
    log: silentLogger,
  });
  sessions.start();
  templates.start();
});

afterAll(async () => {
  await Promise.all([sessions?.stop(), templates?.stop()]);
});

test("a controller reconciles only while running: all cached keys at start, then changes, including mapped ones", async () => {
  const reconciled: string[] = [];
  let slow = false;
  const metrics = new ReconcilerMetrics({ defaultMetrics: false });
  const ctl = new Controller({
    name: "session",
    informer: sessions,
    concurrency: 2,
    log: silentLogger,
    metrics,
    reconcile: async (key) => {
      if (slow) await new Promise((r) => setTimeout(r, 1000));
      reconciled.push(`${key}=${sessions.store.get(key)?.data?.template ?? "deleted"}`);
    },
  }).watches(templates, (t) => sessions.store.byIndex("template", objectKey(t)).map(objectKey));

  await sessions.whenSynced();
  await new Promise((r) => setTimeout(r, 300));
  expect(reconciled).toEqual([]); // not leading: nothing runs

  const stop = new AbortController();
  const running = ctl.run(stop.signal);
  await waitFor(() => reconciled.length === 2, { what: "the existing sessions" });
  expect(reconciled.sort()).toEqual([`${ns.name}/s1=firefox`, `${ns.name}/s2=gimp`]);

  reconciled.length = 0;
  await apply("s3", "session", { template: "firefox" });
  await waitFor(() => reconciled.includes(`${ns.name}/s3=firefox`), { what: "a new session" });

  // A template change reaches exactly the sessions that use it.
  reconciled.length = 0;
  await apply("firefox", "template", { image: "firefox:2" });
  await waitFor(() => reconciled.length >= 2, { what: "sessions of the changed template" });
  expect([...new Set(reconciled)].sort()).toEqual([`${ns.name}/s1=firefox`, `${ns.name}/s3=firefox`]);

  await kubectl(["delete", "configmap", "s2", "-n", ns.name]);
  await waitFor(() => reconciled.includes(`${ns.name}/s2=deleted`), { what: "the deleted session" });

  const text = await metrics.registry.metrics();
  expect(text).toMatch(/streamspace_reconcile_total\{controller="session",result="success"\} [1-9]/);

  // Stopping waits for the reconcile in flight; later changes are not reconciled.
  slow = true;
  reconciled.length = 0;
  await apply("s1", "session", { template: "gimp" });
  await waitFor(() => sessions.store.get(`${ns.name}/s1`)?.data?.template === "gimp", { what: "the cache" });
  await new Promise((r) => setTimeout(r, 100));
  stop.abort();
  await running;
  expect(reconciled).toEqual([`${ns.name}/s1=gimp`]);
  await apply("s4", "session", { template: "gimp" });
  await waitFor(() => sessions.store.get(`${ns.name}/s4`), { what: "the cache" });
  await new Promise((r) => setTimeout(r, 300));
  expect(reconciled).toEqual([`${ns.name}/s1=gimp`]);
});
