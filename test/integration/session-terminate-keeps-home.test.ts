// Terminating a Session removes its workload but keeps the user's home volume.
import { describe, expect, it } from "vitest";
import { waitFor } from "../support/kube.js";
import {
  apply,
  desktopTemplate,
  names,
  patchSpec,
  session,
  useReconciler,
  waitForSession,
} from "../support/streamspace.js";

const ns = useReconciler(
  "ss-terminate",
  { sessions: { home: { mode: "perUser", size: "1Gi" } } },
  async () => {
    await apply(desktopTemplate(ns.name, "firefox"));
  },
);

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
