import type { V1ConfigMap } from "@kubernetes/client-node";
import { afterAll, beforeAll, expect, test } from "vitest";
import { Informer } from "../../src/core/informer.js";
import { silentLogger } from "../../src/telemetry/log.js";
import { kubeConfig, kubectl, kubectlJson, useNamespace, waitFor } from "../support/kube.js";

// The cache holds what readers use, not whole objects: memory grows with every object watched.
const ns = useNamespace("informer-trim");
let informer: Informer<V1ConfigMap>;

const configMap = (name: string, data: Record<string, string>) =>
  JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: ns.name }, data });

beforeAll(async () => {
  await kubectl(["apply", "--server-side", "-f", "-"], { input: configMap("listed", { a: "1" }) });
  informer = new Informer<V1ConfigMap>({
    kubeConfig: kubeConfig(),
    resource: { group: "", version: "v1", plural: "configmaps" },
    namespace: ns.name,
    transform: ({ apiVersion, kind, metadata }) => ({ apiVersion, kind, metadata }),
    log: silentLogger,
  });
  informer.start();
  await informer.whenSynced();
});

afterAll(async () => {
  await informer?.stop();
});

test("listed and watched objects are cached without managedFields and as the transform leaves them", async () => {
  await kubectl(["apply", "--server-side", "-f", "-"], { input: configMap("watched", { b: "2" }) });
  const live = await kubectlJson<V1ConfigMap>([
    "get",
    "configmap",
    "watched",
    "-n",
    ns.name,
    "--show-managed-fields",
  ]);
  expect(live.metadata?.managedFields?.length).toBeGreaterThan(0);

  const watched = await waitFor(() => informer.store.get(`${ns.name}/watched`), { what: "watched object" });
  for (const cached of [informer.store.get(`${ns.name}/listed`), watched]) {
    expect(cached?.metadata?.name).toBeDefined();
    expect(cached?.metadata?.resourceVersion).toBeDefined();
    expect(cached?.metadata?.managedFields).toBeUndefined();
    expect(cached?.data).toBeUndefined();
  }
});
