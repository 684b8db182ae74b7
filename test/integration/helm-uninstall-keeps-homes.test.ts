// `helm uninstall` removes the platform, never the users' homes: the sessions namespace carries
// helm.sh/resource-policy: keep, so it and the home volumes in it outlive the release. Real helm
// (scripts/helm) against the real API server.
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { HELM_SETUP_TIMEOUT_MS, helm, helmBinary } from "../support/helm.js";
import { kubeconfigPath, kubectl, kubectlJson, waitFor } from "../support/kube.js";

const id = randomBytes(3).toString("hex");
const release = `keep-${id}`;
const platform = `keep-${id}-system`;
const sessions = `keep-${id}-sessions`;

type Namespace = { metadata: { deletionTimestamp?: string; annotations?: Record<string, string> } };

describe("helm uninstall keeps the sessions namespace and its homes", () => {
  let binary = "";
  beforeAll(() => {
    binary = helmBinary();
  }, HELM_SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await kubectl(["delete", "namespace", sessions, platform, "--wait=false", "--ignore-not-found"]);
  });

  it("leaves the namespace and a home PVC in place", async () => {
    const values = join(tmpdir(), `${release}.yaml`);
    writeFileSync(
      values,
      stringify({ namespace: platform, sessionNamespace: sessions, catalog: { enabled: false } }),
    );
    const kube = ["--kubeconfig", kubeconfigPath()];
    // The admission policies are cluster-wide and other tests applied them from dist/: take them over.
    helm(binary, [
      "install",
      release,
      "chart",
      "--namespace",
      "default",
      "--values",
      values,
      "--take-ownership",
      "--force-conflicts",
      ...kube,
    ]);
    await kubectl(["apply", "-n", sessions, "-f", "-"], {
      input: JSON.stringify({
        apiVersion: "v1",
        kind: "PersistentVolumeClaim",
        metadata: { name: "home-alice" },
        spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
      }),
    });

    helm(binary, ["uninstall", release, "--namespace", "default", "--wait", ...kube]);

    // The platform namespace went with the release (proof that uninstall really ran)...
    await waitFor(
      async () =>
        (await kubectl(["get", "namespace", platform], { allowFailure: true })).exitCode !== 0 ||
        (await kubectlJson<Namespace>(["get", "namespace", platform])).metadata.deletionTimestamp !==
          undefined,
      { what: `namespace ${platform} deleted by helm uninstall`, timeoutMs: 60_000 },
    );
    // ...the sessions namespace and the home in it did not.
    const namespace = await kubectlJson<Namespace>(["get", "namespace", sessions]);
    expect(namespace.metadata.deletionTimestamp).toBeUndefined();
    const pvc = await kubectlJson<{ metadata: { name: string; deletionTimestamp?: string } }>([
      "get",
      "pvc",
      "home-alice",
      "-n",
      sessions,
    ]);
    expect(pvc.metadata.deletionTimestamp).toBeUndefined();
  });
});
