// A file the desktop user writes in the home is still there after hibernate → wake, in a new pod:
// the home claim is bound by the local cluster's default StorageClass and mounted by the real kubelet.
import { describe, expect, it } from "vitest";
import { kubectlJson, waitFor } from "../support/kube.js";
import { fixtureTemplate, inDesktop, ON_REAL_NODE, sessionPods } from "../support/real-node.js";
import { apply, names, patchSpec, session, useReconciler, waitForSession } from "../support/streamspace.js";

const ns = useReconciler("node-home", ON_REAL_NODE, async (namespace) => {
  await apply(fixtureTemplate("desktop-test.yaml", namespace));
});

describe("a desktop Session's home on the real node", () => {
  it("keeps a file written in it across hibernation and wake", async () => {
    await apply(session(ns.name, "home", { template: "desktop-test", user: "carol" }));
    const first = await waitForSession(
      ns.name,
      "home",
      (s) => s.status?.phase === "Running",
      "Running",
      120_000,
    );
    const [claim] = await names("pvc", ns.name);
    const pvc = await kubectlJson<{ status: { phase: string } }>(["get", "pvc", claim ?? "", "-n", ns.name]);
    expect(pvc.status.phase).toBe("Bound");

    const firstPod = first.status?.podName ?? "";
    await inDesktop(ns.name, firstPod, "echo 'written before hibernation' > ~/note.txt");

    await patchSpec(ns.name, "home", { state: "hibernated" });
    await waitForSession(ns.name, "home", (s) => s.status?.phase === "Hibernated", "Hibernated", 60_000);
    await waitFor(async () => (await sessionPods(ns.name, "home")).length === 0, {
      what: "the pod to be gone",
    });

    await patchSpec(ns.name, "home", { state: "running" });
    const woken = await waitForSession(
      ns.name,
      "home",
      (s) => s.status?.phase === "Running" && s.status.podName !== firstPod,
      "Running again in a new pod",
      120_000,
    );
    expect(await inDesktop(ns.name, woken.status?.podName ?? "", "cat ~/note.txt")).toBe(
      "written before hibernation\n",
    );
  });
});
