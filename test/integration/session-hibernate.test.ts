// Hibernating a Session scales its workload to zero and reports phase Hibernated; waking brings it back.
import { describe, expect, it } from "vitest";
import {
  apply,
  condition,
  desktopTemplate,
  getDeployment,
  names,
  patchSpec,
  session,
  useReconciler,
  waitForSession,
} from "../support/streamspace.js";

const ns = useReconciler("ss-hibernate", {}, async () => {
  await apply(desktopTemplate(ns.name, "firefox"));
  await apply(session(ns.name, "s1", { template: "firefox" }));
  await waitForSession(ns.name, "s1", (s) => s.status?.phase === "Running", "Running");
});

describe("hibernation", () => {
  it("scales the Deployment to 0, removes the pod and reports Hibernated", async () => {
    await patchSpec(ns.name, "s1", { state: "hibernated" });
    const hibernated = await waitForSession(
      ns.name,
      "s1",
      (s) => s.status?.phase === "Hibernated",
      "Hibernated",
    );
    expect((await getDeployment(ns.name, "ss-s1")).spec.replicas).toBe(0);
    expect(await names("pods", ns.name, "streamspace.io/session=s1")).toEqual([]);
    expect(hibernated.status?.hibernatedAt).toBeTruthy();
    expect(hibernated.status?.podName).toBeUndefined();
    expect(condition(hibernated, "Ready")).toMatchObject({ status: "True", reason: "Hibernated" });
    // The Service and Ingress stay, so the URL keeps working for the next wake.
    expect(await names("services", ns.name)).toEqual(["ss-s1"]);
  });

  it("wakes back to Running, with a new pod, when spec.state is running again", async () => {
    await patchSpec(ns.name, "s1", { state: "running" });
    const woken = await waitForSession(ns.name, "s1", (s) => s.status?.phase === "Running", "Running again");
    expect((await getDeployment(ns.name, "ss-s1")).spec.replicas).toBe(1);
    expect(woken.status?.podName).toBeTruthy();
    expect(woken.status?.hibernatedAt).toBeUndefined();
  });
});
