// Scaling a Deployment to 0 removes its Pods (kwok finishes the deletion a kubelet would confirm).
import { describe, expect, it } from "vitest";
import { kubectl, kubectlJson, useNamespace, waitFor } from "../support/kube.js";

const ns = useNamespace("scale-zero");

interface PodList {
  items: { metadata: { name: string }; status?: { phase?: string } }[];
}

describe("scaling a Deployment to zero", () => {
  it("removes all of its pods", async () => {
    await kubectl(["create", "deployment", "app", "-n", ns.name, "--image=nginx:1.27", "--replicas=2"]);
    await kubectl(["rollout", "status", "deployment/app", "-n", ns.name, "--timeout=60s"]);
    const before = await kubectlJson<PodList>(["get", "pods", "-n", ns.name, "-l", "app=app"]);
    expect(before.items.filter((p) => p.status?.phase === "Running")).toHaveLength(2);

    await kubectl(["scale", "deployment/app", "-n", ns.name, "--replicas=0"]);
    await waitFor(
      async () =>
        (await kubectlJson<PodList>(["get", "pods", "-n", ns.name, "-l", "app=app"])).items.length === 0,
      {
        timeoutMs: 60_000,
        what: "the pods to be deleted",
      },
    );
    const deploy = await kubectlJson<{ status: { replicas?: number } }>([
      "get",
      "deployment",
      "app",
      "-n",
      ns.name,
    ]);
    expect(deploy.status.replicas ?? 0).toBe(0);
  });
});
