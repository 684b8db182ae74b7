// A Template the platform would not run is Invalid at once, naming the field, instead of showing
// Valid and failing when a Session's pod is refused: a capability Pod Security "baseline" (the
// sessions namespace's level) forbids, an image from a registry outside security.imageRegistries.
// And a Session of such a Template is not launched.
import { describe, expect, it } from "vitest";
import type { Template } from "../../src/api/generated/types.js";
import { kubectl, kubectlJson, waitFor } from "../support/kube.js";
import { apply, desktopTemplate, session, useReconciler, waitForSession } from "../support/streamspace.js";

const ns = useReconciler("tpl-policy", { security: { imageRegistries: ["lscr.io/linuxserver"] } });

function verdict(name: string) {
  return waitFor(
    async () => {
      const t = await kubectlJson<Template>(["get", "template", name, "-n", ns.name]);
      return t.status?.valid ? t.status : undefined;
    },
    { what: `the verdict on template ${name}` },
  );
}

describe("Templates are checked against the platform's policy", () => {
  it("marks a Template adding SYS_ADMIN Invalid, naming the capability's field", async () => {
    await apply(
      desktopTemplate(ns.name, "admin-desktop", {
        securityContext: { addCapabilities: ["CHOWN", "SYS_ADMIN"] },
      }),
    );
    const status = await verdict("admin-desktop");
    expect(status).toMatchObject({ valid: "False", reason: "ValidationFailed" });
    expect(status.message).toMatch(
      /^spec\.securityContext\.addCapabilities\[1\]: SYS_ADMIN is not allowed by Pod Security "baseline"/,
    );
  });

  it("marks a Template with an image from another registry Invalid, naming spec.baseImage and the setting", async () => {
    await apply(desktopTemplate(ns.name, "hub-firefox", { baseImage: "docker.io/someone/firefox:latest" }));
    const status = await verdict("hub-firefox");
    expect(status.valid).toBe("False");
    expect(status.message).toContain(
      "spec.baseImage: docker.io/someone/firefox:latest is not from a registry the platform allows",
    );
    expect(status.message).toContain("security.imageRegistries");
  });

  it("keeps a Template within the policy Valid", async () => {
    await apply(
      desktopTemplate(ns.name, "firefox", {
        securityContext: { runAsUser: 0, addCapabilities: ["CHOWN", "SETUID", "SETGID"] },
      }),
    );
    expect((await verdict("firefox")).valid).toBe("True");
  });

  it("does not launch a Session of a Template outside the policy", async () => {
    await apply(session(ns.name, "alice-hub", { template: "hub-firefox" }));
    const s = await waitForSession(
      ns.name,
      "alice-hub",
      (x) => (x.status?.message ?? "").includes("spec.baseImage"),
      "refused for its image",
    );
    expect(s.status?.phase).not.toBe("Running");
    const deployments = await kubectl(["get", "deployments", "-n", ns.name, "-o", "name"]);
    expect(deployments.stdout).toBe("");
  });
});
