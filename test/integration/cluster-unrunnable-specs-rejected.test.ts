// The API server refuses, at create time, Sessions and Templates it would later refuse to run, and
// names the field: requests above limits, a mount named dshm or at /dev/shm, a subPath leaving its
// volume, two mounts at one path.
import { beforeAll, describe, expect, it } from "vitest";
import { kubectl, useNamespace } from "../support/kube.js";
import { desktopTemplate, installCrds, session } from "../support/streamspace.js";

const ns = useNamespace("unrunnable");
beforeAll(installCrds);

async function refusal(object: unknown): Promise<string> {
  const res = await kubectl(["apply", "--server-side", "--field-manager=test-user", "-f", "-"], {
    input: JSON.stringify(object),
    allowFailure: true,
  });
  expect(res.exitCode).not.toBe(0);
  return res.stderr;
}

describe("specs the cluster could not run are refused when written", () => {
  it("a Session whose cpu request is above its cpu limit", async () => {
    const stderr = await refusal(
      session(ns.name, "greedy", {
        template: "t",
        resources: { requests: { cpu: "2" }, limits: { cpu: "500m" } },
      }),
    );
    expect(stderr).toContain("spec.resources.requests.cpu");
    expect(stderr).toContain("must not be more than limits.cpu");
  });

  it("a Template whose memory request is above its memory limit", async () => {
    const stderr = await refusal(
      desktopTemplate(ns.name, "greedy", {
        defaultResources: { requests: { memory: "2Gi" }, limits: { memory: "1Gi" } },
      }),
    );
    expect(stderr).toContain("spec.defaultResources.requests.memory");
  });

  it("a Template mounting a volume named dshm", async () => {
    const stderr = await refusal(
      desktopTemplate(ns.name, "shm-name", { volumeMounts: [{ name: "dshm", mountPath: "/data" }] }),
    );
    expect(stderr).toContain("spec.volumeMounts[0].name");
    expect(stderr).toContain("shared-memory");
  });

  it("a Template mounting over /dev/shm", async () => {
    const stderr = await refusal(
      desktopTemplate(ns.name, "shm-path", { volumeMounts: [{ name: "data", mountPath: "/dev/shm" }] }),
    );
    expect(stderr).toContain("spec.volumeMounts[0].mountPath");
  });

  it("a Template whose subPath leaves its volume", async () => {
    const stderr = await refusal(
      desktopTemplate(ns.name, "escape", {
        volumeMounts: [{ name: "home", mountPath: "/config", subPath: "a/../../etc" }],
      }),
    );
    expect(stderr).toContain("spec.volumeMounts[0].subPath");
  });

  it("a Template with two mounts at one path", async () => {
    const stderr = await refusal(
      desktopTemplate(ns.name, "twice", {
        volumeMounts: [
          { name: "home", mountPath: "/config" },
          { name: "cache", mountPath: "/config" },
        ],
      }),
    );
    expect(stderr).toContain("spec.volumeMounts");
    expect(stderr).toContain("duplicate entries for key [mountPath=");
  });

  it("still accepts requests equal to limits and a plain relative subPath", async () => {
    const ok = await kubectl(["apply", "--server-side", "--field-manager=test-user", "-f", "-"], {
      input: JSON.stringify(
        desktopTemplate(ns.name, "fine", {
          defaultResources: {
            requests: { cpu: "1", memory: "1Gi" },
            limits: { cpu: "1000m", memory: "1Gi" },
          },
          volumeMounts: [{ name: "home", mountPath: "/config", subPath: "profiles/..default" }],
        }),
      ),
      allowFailure: true,
    });
    expect(ok.stderr).toBe("");
    expect(ok.exitCode).toBe(0);
  });
});
