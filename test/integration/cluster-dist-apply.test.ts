// Everything `npm run synth` writes to dist/ applies to a real API server with server-side apply, and
// the Session CRD's printer columns show up in `kubectl get ss`.
import { afterAll, describe, expect, it } from "vitest";
import { kubectl, useNamespace } from "../support/kube.js";

const dist = new URL("../../dist/", import.meta.url).pathname;
const ns = useNamespace("dist-apply");

describe("dist/ on a real API server", () => {
  afterAll(async () => {
    // The CRDs stay: other test files use them. The platform's objects go.
    for (const dir of ["catalog", "platform"]) {
      await kubectl(["delete", "-k", `${dist}${dir}`, "--ignore-not-found", "--wait=false"], {
        allowFailure: true,
      });
    }
  });

  it("applies dist/crds, then all of dist/, with server-side apply and no error", async () => {
    // The CRDs first, as Argo CD's sync waves do: custom resources in dist/ need them Established.
    const crds = await kubectl([
      "apply",
      "--server-side",
      "--field-manager=streamspace-test",
      "-k",
      `${dist}crds`,
    ]);
    expect(crds.stderr).toBe("");
    // "customresourcedefinition.apiextensions.k8s.io/<name> serverside-applied", one line per CRD.
    const names = crds.stdout.match(/^customresourcedefinition\.apiextensions\.k8s\.io\/\S+/gm) ?? [];
    expect(names.length).toBeGreaterThan(0);
    await kubectl(["wait", "--for=condition=Established", "--timeout=60s", ...names]);

    const all = await kubectl(["apply", "--server-side", "--field-manager=streamspace-test", "-k", dist]);
    expect(all.stderr).toBe("");
    expect(all.stdout).toMatch(/serverside-applied/);

    // Applying the same thing again changes nothing and still succeeds (what a GitOps sync does).
    await kubectl(["apply", "--server-side", "--field-manager=streamspace-test", "-k", dist]);
  });

  it("shows the Session printer columns in `kubectl get ss`", async () => {
    await kubectl(["apply", "--server-side", "-k", `${dist}crds`]);
    await kubectl([
      "wait",
      "--for=condition=Established",
      "--timeout=60s",
      "crd/sessions.stream.streamspace.io",
    ]);
    await kubectl(["apply", "-n", ns.name, "-f", "-"], {
      input: JSON.stringify({
        apiVersion: "stream.streamspace.io/v1alpha1",
        kind: "Session",
        metadata: { name: "alice-firefox" },
        spec: { user: "alice", template: "firefox", state: "hibernated" },
      }),
    });

    const { stdout } = await kubectl(["get", "ss", "-n", ns.name]);
    const [header, row] = stdout.trim().split("\n");
    expect(header?.split(/\s+/)).toEqual(["NAME", "USER", "TEMPLATE", "STATE", "PHASE", "URL", "AGE"]);
    expect(row?.split(/\s+/).slice(0, 4)).toEqual(["alice-firefox", "alice", "firefox", "hibernated"]);
  });
});
