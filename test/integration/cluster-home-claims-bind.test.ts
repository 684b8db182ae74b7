// The local cluster binds a claim that names no StorageClass (as a Session's home does by default):
// its default class provisions a volume at once, even for pods on kwok's nodes.
import { describe, expect, it } from "vitest";
import { STORAGE_CLASS } from "../../scripts/cluster/cluster.js";
import { kubectl, kubectlJson, useNamespace, waitFor } from "../support/kube.js";

const ns = useNamespace("home-claims");

describe("a claim without a StorageClass on the local cluster", () => {
  it("is bound by the default class, and its volume goes when the claim does", async () => {
    const claim = {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name: "home", namespace: ns.name },
      spec: { accessModes: ["ReadWriteMany"], resources: { requests: { storage: "1Gi" } } },
    };
    await kubectl(["apply", "-f", "-"], { input: JSON.stringify(claim) });
    const bound = await waitFor(
      async () => {
        const pvc = await kubectlJson<{
          spec: { storageClassName?: string; volumeName?: string };
          status: { phase: string };
        }>(["get", "pvc", "home", "-n", ns.name]);
        return pvc.status.phase === "Bound" ? pvc : undefined;
      },
      { what: "the claim to be Bound" },
    );
    expect(bound.spec.storageClassName).toBe(STORAGE_CLASS);
    const volume = bound.spec.volumeName ?? "";
    expect(volume).not.toBe("");

    await kubectl(["delete", "pvc", "home", "-n", ns.name]);
    await waitFor(
      async () => !(await kubectl(["get", "pv", "-o", "name"])).stdout.includes(`persistentvolume/${volume}`),
      {
        what: "the volume to be deleted with its claim",
      },
    );
  });
});
