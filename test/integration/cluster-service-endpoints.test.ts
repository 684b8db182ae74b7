// A Service in front of ready pods gets EndpointSlices listing those pods' IPs as ready endpoints.
import { describe, expect, it } from "vitest";
import { kubectl, kubectlJson, useNamespace, waitFor } from "../support/kube.js";

const ns = useNamespace("svc-endpoints");

interface EndpointSliceList {
  items: {
    endpoints?: { addresses: string[]; conditions?: { ready?: boolean }; targetRef?: { name: string } }[];
  }[];
}

describe("a Service", () => {
  it("gets EndpointSlices with the ready pods' addresses", async () => {
    await kubectl([
      "create",
      "deployment",
      "echo",
      "-n",
      ns.name,
      "--image=nginx:1.27",
      "--replicas=2",
      "--port=8080",
    ]);
    await kubectl(["expose", "deployment", "echo", "-n", ns.name, "--port=80", "--target-port=8080"]);
    await kubectl(["rollout", "status", "deployment/echo", "-n", ns.name, "--timeout=60s"]);

    const pods = await kubectlJson<{ items: { metadata: { name: string }; status: { podIP: string } }[] }>([
      "get",
      "pods",
      "-n",
      ns.name,
      "-l",
      "app=echo",
    ]);
    const podIPs = pods.items.map((p) => p.status.podIP).sort();
    expect(podIPs).toHaveLength(2);

    const ready = await waitFor(
      async () => {
        const slices = await kubectlJson<EndpointSliceList>([
          "get",
          "endpointslices",
          "-n",
          ns.name,
          "-l",
          "kubernetes.io/service-name=echo",
        ]);
        const endpoints = slices.items.flatMap((s) => s.endpoints ?? []).filter((e) => e.conditions?.ready);
        return endpoints.length === 2 ? endpoints : undefined;
      },
      { timeoutMs: 30_000, what: "2 ready endpoints" },
    );
    expect(ready.flatMap((e) => e.addresses).sort()).toEqual(podIPs);

    const svc = await kubectlJson<{ spec: { clusterIP: string } }>(["get", "service", "echo", "-n", ns.name]);
    expect(svc.spec.clusterIP).toMatch(/^10\.96\./);
  });
});
