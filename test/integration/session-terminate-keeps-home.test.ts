// Terminating a Session removes its workload but keeps the user's home volume.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningReconciler } from "../../src/reconciler/start.js";
import { useNamespace, waitFor } from "../support/kube.js";
import {
  apply,
  desktopTemplate,
  installCrds,
  names,
  patchSpec,
  session,
  startTestReconciler,
  waitForSession,
} from "../support/streamspace.js";

const ns = useNamespace("ss-terminate");
let reconciler: RunningReconciler;

beforeAll(async () => {
  await installCrds();
  reconciler = await startTestReconciler(ns.name, { sessions: { home: { mode: "perUser", size: "1Gi" } } });
  await apply(desktopTemplate(ns.name, "firefox"));
});
afterAll(() => reconciler?.stop());

describe("termination", () => {
  it("deletes Deployment, Service and Ingress, keeps the home PVC, and reports Terminated", async () => {
    await apply(session(ns.name, "s1", { template: "firefox", user: "bob@example.com" }));
    await waitFor(async () => (await names("deployments", ns.name)).includes("ss-s1"), {
      what: "the Deployment",
    });
    const claims = await names("pvc", ns.name);
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatch(/^home-bob-example-com-/);

    await patchSpec(ns.name, "s1", { state: "terminated" });
    const terminated = await waitForSession(
      ns.name,
      "s1",
      (s) => s.status?.phase === "Terminated",
      "Terminated",
    );
    expect(await names("deployments", ns.name)).toEqual([]);
    expect(await names("services", ns.name)).toEqual([]);
    expect(await names("ingresses", ns.name)).toEqual([]);
    expect(await names("pvc", ns.name)).toEqual(claims);
    expect(terminated.status?.inventory ?? []).toEqual([]);
    expect(terminated.status?.url).toBeUndefined();
  });

  it("keeps the home PVC when the Session object itself is deleted", async () => {
    const claims = await names("pvc", ns.name);
    await apply(session(ns.name, "s2", { template: "firefox", user: "bob@example.com" }));
    await waitFor(async () => (await names("deployments", ns.name)).includes("ss-s2"), {
      what: "the Deployment",
    });
    const { kubectl } = await import("../support/kube.js");
    await kubectl(["delete", "session", "s2", "-n", ns.name]);
    await waitFor(async () => (await names("deployments", ns.name)).length === 0, {
      what: "garbage collection",
    });
    expect(await names("pvc", ns.name)).toEqual(claims);
  });
});
