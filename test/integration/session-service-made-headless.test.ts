// A Session's Service made before Services were headless has a ClusterIP, which cannot change in place:
// the reconciler deletes it and makes a headless one (the Session controls it, so it is ours to replace).
import { afterAll, beforeAll, expect, test } from "vitest";
import type { RunningReconciler } from "../../src/reconciler/start.js";
import { kubectl, kubectlJson, useNamespace, waitFor } from "../support/kube.js";
import {
  apply,
  desktopTemplate,
  installCrds,
  session,
  startTestReconciler,
  waitForApplied,
} from "../support/streamspace.js";

interface Service {
  metadata: { uid: string; labels: Record<string, string>; ownerReferences: unknown[] };
  spec: { clusterIP: string; selector: Record<string, string>; ports: unknown[] };
}

const ns = useNamespace("ss-headless");
let reconciler: RunningReconciler | undefined;
const service = () => kubectlJson<Service>(["get", "service", "ss-s1", "-n", ns.name]);
let old: Service;

beforeAll(async () => {
  await installCrds();
  reconciler = await startTestReconciler(ns.name);
  await apply(desktopTemplate(ns.name, "firefox"));
  await apply(session(ns.name, "s1", { template: "firefox" }));
  await waitForApplied(ns.name, "s1");
  const made = await service();
  expect(made.spec.clusterIP).toBe("None");
  await reconciler.stop();
  reconciler = undefined;

  // The Service as an earlier release made it: the same owner, labels and port, and a ClusterIP.
  await kubectl(["delete", "service", "ss-s1", "-n", ns.name, "--wait"]);
  await kubectl(["create", "-f", "-"], {
    input: JSON.stringify({
      apiVersion: "v1",
      kind: "Service",
      metadata: {
        name: "ss-s1",
        namespace: ns.name,
        labels: made.metadata.labels,
        ownerReferences: made.metadata.ownerReferences,
      },
      spec: { type: "ClusterIP", selector: made.spec.selector, ports: made.spec.ports },
    }),
  });
  old = await service();
  expect(old.spec.clusterIP).toMatch(/^10\.96\./);
});
afterAll(() => reconciler?.stop());

test("the reconciler replaces a Session's ClusterIP Service with a headless one", async () => {
  reconciler = await startTestReconciler(ns.name);
  const now = await waitFor(
    async () => {
      const s = await service().catch(() => undefined);
      return s?.spec.clusterIP === "None" ? s : undefined;
    },
    { what: "the Service headless", timeoutMs: 20_000 },
  );
  expect(now.metadata.uid).not.toBe(old.metadata.uid);
  expect(now.metadata.ownerReferences).toEqual(old.metadata.ownerReferences);
});
