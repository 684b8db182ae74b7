// A pod whose image cannot be pulled stays Pending with the waiting reason a kubelet reports
// (kwok stage pod-image-pull-backoff, see scripts/cluster/README.md for the convention).
import { describe, expect, it } from "vitest";
import { kubectl, kubectlJson, useNamespace, waitFor } from "../support/kube.js";

const ns = useNamespace("unpullable");

interface Pod {
  status?: {
    phase?: string;
    conditions?: { type: string; status: string }[];
    containerStatuses?: {
      name: string;
      ready: boolean;
      state?: { waiting?: { reason?: string; message?: string }; running?: object };
    }[];
  };
}

function pod(
  name: string,
  containers: { name: string; image: string }[],
  annotations?: Record<string, string>,
): string {
  return JSON.stringify({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, annotations },
    spec: { containers },
  });
}

async function waitForStatuses(name: string): Promise<NonNullable<Pod["status"]>> {
  return waitFor(
    async () => {
      const p = await kubectlJson<Pod>(["get", "pod", name, "-n", ns.name]);
      return p.status?.containerStatuses?.length ? p.status : undefined;
    },
    { timeoutMs: 30_000, what: `container statuses of ${name}` },
  );
}

describe("an unpullable image", () => {
  it("leaves the pod Pending with ImagePullBackOff (image host under .invalid)", async () => {
    await kubectl(["apply", "-n", ns.name, "-f", "-"], {
      input: pod("broken", [
        { name: "app", image: "registry.invalid/streamspace/firefox:1" },
        { name: "sidecar", image: "busybox:1.36" },
      ]),
    });
    const status = await waitForStatuses("broken");
    expect(status.phase).toBe("Pending");
    expect(status.conditions?.find((c) => c.type === "Ready")?.status).toBe("False");
    const app = status.containerStatuses?.find((c) => c.name === "app");
    expect(app?.ready).toBe(false);
    expect(app?.state?.waiting?.reason).toBe("ImagePullBackOff");
    expect(app?.state?.waiting?.message).toContain("registry.invalid/streamspace/firefox:1");
    // Only the unpullable container waits; the other one runs, as on a real node.
    expect(status.containerStatuses?.find((c) => c.name === "sidecar")?.state?.running).toBeDefined();

    const { stdout } = await kubectl(["get", "pod", "broken", "-n", ns.name]);
    expect(stdout).toContain("ImagePullBackOff");
  });

  it("can be forced with the streamspace.io/kwok-image-pull=fail annotation", async () => {
    await kubectl(["apply", "-n", ns.name, "-f", "-"], {
      input: pod("forced", [{ name: "app", image: "nginx:1.27" }], {
        "streamspace.io/kwok-image-pull": "fail",
      }),
    });
    const status = await waitForStatuses("forced");
    expect(status.containerStatuses?.[0]?.state?.waiting?.reason).toBe("ImagePullBackOff");
    expect(status.phase).toBe("Pending");
  });
});
