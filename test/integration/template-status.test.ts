// Each Template says in its status whether it can be launched, and why not.
import { describe, expect, it } from "vitest";
import type { Template } from "../../src/api/generated/types.js";
import { kubectlJson, waitFor } from "../support/kube.js";
import { apply, desktopTemplate, useReconciler } from "../support/streamspace.js";

const ns = useReconciler("tpl-status");

function templateStatus(name: string) {
  return waitFor(
    async () =>
      (await kubectlJson<Template>(["get", "template", name, "-n", ns.name])).status?.valid
        ? await kubectlJson<Template>(["get", "template", name, "-n", ns.name])
        : undefined,
    { what: `status of template ${name}` },
  );
}

describe("Template validation", () => {
  it("marks a launchable Template Valid", async () => {
    await apply(desktopTemplate(ns.name, "firefox"));
    const t = await templateStatus("firefox");
    expect(t.status).toMatchObject({ valid: "True", reason: "Valid" });
    expect(t.status?.conditions?.find((c) => c.type === "Ready")?.status).toBe("True");
  });

  it("marks a webapp without a port invalid, naming the field to set", async () => {
    await apply({
      ...desktopTemplate(ns.name, "broken-web"),
      spec: { ...desktopTemplate(ns.name, "x").spec, appType: "webapp", vnc: undefined },
    });
    const t = await templateStatus("broken-web");
    expect(t.status?.valid).toBe("False");
    expect(t.status?.message).toContain("spec.webapp");
    expect(t.status?.conditions?.find((c) => c.type === "Stalled")?.status).toBe("True");
  });
});
