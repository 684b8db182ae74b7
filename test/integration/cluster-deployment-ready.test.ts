// A Deployment gets Pods that the scheduler places on kwok nodes and that become Running and Ready.
import { CoreV1Api } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { apiClientConfig, kubectl, kubectlJson, useNamespace, waitFor } from "../support/kube.js";

const ns = useNamespace("deploy-ready");

describe("a Deployment on the local cluster", () => {
  it("gets Running, Ready pods on kwok nodes and becomes Available", async () => {
    await kubectl(["apply", "-n", ns.name, "-f", "-"], {
      input: JSON.stringify({
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "web" },
        spec: {
          replicas: 3,
          selector: { matchLabels: { app: "web" } },
          template: {
            metadata: { labels: { app: "web" } },
            spec: {
              containers: [
                {
                  name: "web",
                  image: "nginx:1.27",
                  resources: { requests: { cpu: "500m", memory: "256Mi" } },
                },
              ],
            },
          },
        },
      }),
    });

    // Read through @kubernetes/client-node, over the same HTTPS kubeconfig.
    const core = apiClientConfig().makeApiClient(CoreV1Api);
    const pods = await waitFor(
      async () => {
        const list = await core.listNamespacedPod({ namespace: ns.name, labelSelector: "app=web" });
        const ready = list.items.filter(
          (p) =>
            p.status?.phase === "Running" &&
            p.status.conditions?.some((c) => c.type === "Ready" && c.status === "True"),
        );
        return ready.length === 3 ? ready : undefined;
      },
      { timeoutMs: 60_000, what: "3 Running and Ready pods" },
    );

    const nodes = await kubectlJson<{
      items: { metadata: { name: string; annotations?: Record<string, string> } }[];
    }>(["get", "nodes"]);
    const kwokNodes = nodes.items
      .filter((n) => n.metadata.annotations?.["kwok.x-k8s.io/node"] === "fake")
      .map((n) => n.metadata.name);
    for (const pod of pods) {
      expect(kwokNodes).toContain(pod.spec?.nodeName);
      expect(pod.status?.podIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      expect(pod.status?.containerStatuses?.[0]?.state?.running).toBeDefined();
    }

    // The Deployment controller sees the readiness too.
    await kubectl(["rollout", "status", "deployment/web", "-n", ns.name, "--timeout=60s"]);
    const deploy = await kubectlJson<{ status: { availableReplicas?: number } }>([
      "get",
      "deployment",
      "web",
      "-n",
      ns.name,
    ]);
    expect(deploy.status.availableReplicas).toBe(3);
  });
});
