// Terminating a Session on the real node stops and removes its pod, and keeps its home: the claim,
// and the files in the volume behind it.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { kubectlJson, waitFor } from "../support/kube.js";
import { fixtureTemplate, inDesktop, ON_REAL_NODE, sessionPods } from "../support/real-node.js";
import { apply, names, patchSpec, session, useReconciler, waitForSession } from "../support/streamspace.js";

const ns = useReconciler("node-terminate", ON_REAL_NODE, async (namespace) => {
  await apply(fixtureTemplate("desktop-test.yaml", namespace));
});

describe("terminating a desktop Session on the real node", () => {
  it("removes its pod and keeps its home with the files in it", async () => {
    await apply(session(ns.name, "term", { template: "desktop-test", user: "dave" }));
    const running = await waitForSession(
      ns.name,
      "term",
      (s) => s.status?.phase === "Running",
      "Running",
      120_000,
    );
    await inDesktop(ns.name, running.status?.podName ?? "", "echo kept > ~/kept.txt");
    const claims = await names("pvc", ns.name);
    expect(claims).toHaveLength(1);

    await patchSpec(ns.name, "term", { state: "terminated" });
    await waitForSession(ns.name, "term", (s) => s.status?.phase === "Terminated", "Terminated", 60_000);
    await waitFor(async () => (await sessionPods(ns.name, "term")).length === 0, {
      what: "the pod to be gone",
    });

    expect(await names("pvc", ns.name)).toEqual(claims);
    const pvc = await kubectlJson<{ spec: { volumeName: string } }>([
      "get",
      "pvc",
      claims[0] ?? "",
      "-n",
      ns.name,
    ]);
    const pv = await kubectlJson<{ spec: { hostPath?: { path: string } } }>([
      "get",
      "pv",
      pvc.spec.volumeName,
    ]);
    const file = join(pv.spec.hostPath?.path ?? "/nonexistent", "kept.txt");
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, "utf8")).toBe("kept\n");
  });
});
