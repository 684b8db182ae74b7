import type { V1ConfigMap } from "@kubernetes/client-node";
import { afterAll, beforeAll, expect, test } from "vitest";
import { Informer } from "../../src/core/informer.js";
import { objectKey } from "../../src/core/store.js";
import { silentLogger } from "../../src/telemetry/log.js";
import { kubeConfig, kubectl, useNamespace, waitFor } from "../support/kube.js";

const ns = useNamespace("informer-events");

type Event = {
  type: "add" | "update" | "delete";
  key: string;
  data?: Record<string, string>;
  oldData?: Record<string, string>;
};
const events: Event[] = [];
let informer: Informer<V1ConfigMap>;

const configMap = (name: string, data: Record<string, string>, labels: Record<string, string> = {}) =>
  JSON.stringify({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name, namespace: ns.name, labels },
    data,
  });

beforeAll(async () => {
  // Exists before the informer starts: must arrive through the initial list.
  await kubectl(["apply", "-f", "-"], { input: configMap("before", { a: "1" }, { app: "x" }) });
  informer = new Informer<V1ConfigMap>({
    kubeConfig: kubeConfig(),
    resource: { group: "", version: "v1", plural: "configmaps" },
    namespace: ns.name,
    indexers: { app: (cm) => (cm.metadata?.labels?.app ? [cm.metadata.labels.app] : []) },
    log: silentLogger,
  });
  informer.on("add", (cm) => events.push({ type: "add", key: objectKey(cm), data: cm.data }));
  informer.on("update", (cm, old) =>
    events.push({ type: "update", key: objectKey(cm), data: cm.data, oldData: old.data }),
  );
  informer.on("delete", (cm) => events.push({ type: "delete", key: objectKey(cm) }));
  informer.start();
  await informer.whenSynced();
});

afterAll(async () => {
  await informer?.stop();
});

test("the initial list fills the cache and emits adds before synced resolves", () => {
  expect(informer.synced).toBe(true);
  expect(informer.store.get(`${ns.name}/before`)?.data).toEqual({ a: "1" });
  // Listed items carry their kind like watched ones, so consumers see one shape.
  expect(informer.store.get(`${ns.name}/before`)).toMatchObject({ apiVersion: "v1", kind: "ConfigMap" });
  expect(events).toContainEqual({ type: "add", key: `${ns.name}/before`, data: { a: "1" } });
});

test("creates, updates and deletes in the cluster reach the cache and the handlers", async () => {
  const key = `${ns.name}/live`;
  await kubectl(["apply", "-f", "-"], { input: configMap("live", { v: "1" }, { app: "x" }) });
  await waitFor(() => informer.store.get(key), { what: "add in cache" });
  expect(events).toContainEqual({ type: "add", key, data: { v: "1" } });
  expect(informer.store.byIndex("app", "x").map(objectKey).sort()).toEqual([`${ns.name}/before`, key]);

  await kubectl(["apply", "-f", "-"], { input: configMap("live", { v: "2" }, { app: "y" }) });
  await waitFor(() => informer.store.get(key)?.data?.v === "2", { what: "update in cache" });
  expect(events).toContainEqual({ type: "update", key, data: { v: "2" }, oldData: { v: "1" } });
  expect(informer.store.byIndex("app", "x").map(objectKey)).toEqual([`${ns.name}/before`]);
  expect(informer.store.byIndex("app", "y").map(objectKey)).toEqual([key]);

  await kubectl(["delete", "configmap", "live", "-n", ns.name]);
  await waitFor(() => !informer.store.get(key), { what: "delete in cache" });
  expect(events).toContainEqual({ type: "delete", key });
  expect(informer.store.byIndex("app", "y")).toEqual([]);
});

test("a resync re-emits every cached object as an update", async () => {
  const resyncing = new Informer<V1ConfigMap>({
    kubeConfig: kubeConfig(),
    resource: { group: "", version: "v1", plural: "configmaps" },
    namespace: ns.name,
    resyncMs: 300,
    log: silentLogger,
  });
  const resynced: string[] = [];
  resyncing.on("update", (cm, old) => {
    if (cm === old) resynced.push(objectKey(cm));
  });
  resyncing.start();
  try {
    await waitFor(() => resynced.filter((k) => k === `${ns.name}/before`).length >= 2, {
      what: "two resyncs",
    });
  } finally {
    await resyncing.stop();
  }
});
