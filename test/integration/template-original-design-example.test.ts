// The original design's example Template, exactly as written (no appType), is accepted by the API
// server, reported Valid, and runs: its appType follows from its vnc block.
import type { V1Deployment } from "@kubernetes/client-node";
import { expect, test } from "vitest";
import type { Template } from "../../src/api/generated/types.js";
import { kubectl, kubectlJson, waitFor } from "../support/kube.js";
import { originalDesign } from "../support/original-design.js";
import { apply, session, useReconciler, waitForSession } from "../support/streamspace.js";

const ns = useReconciler("tpl-design");

const example = originalDesign("firefox-example.yaml");

test("the design's example Template is accepted, Valid, and a Session of it runs on port 3000", async () => {
  const created = await kubectl(["apply", "--server-side", "-n", ns.name, "-f", "-"], {
    input: example,
    allowFailure: true,
  });
  expect(created.stderr).toBe("");
  const template = await waitFor(
    async () => {
      const t = await kubectlJson<Template>(["get", "template", "firefox-browser", "-n", ns.name]);
      return t.status?.valid ? t : undefined;
    },
    { what: "the Template's status" },
  );
  expect(template.status).toMatchObject({ valid: "True", reason: "Valid" });

  await apply(session(ns.name, "s1", { template: "firefox-browser" }));
  await waitForSession(ns.name, "s1", (s) => s.status?.phase === "Running", "Running");
  const deployment = await kubectlJson<V1Deployment>(["get", "deployment", "ss-s1", "-n", ns.name]);
  expect(deployment.spec?.template.spec?.containers[0]?.ports?.find((p) => p.name === "app")).toMatchObject({
    containerPort: 3000,
  });
});

test("a Template that declares neither vnc, webapp nor appType is refused, naming spec.appType", async () => {
  const bare = example.replace("  vnc: {enabled: true, port: 3000}\n", "").replace("firefox-browser", "bare");
  const res = await kubectl(["apply", "--server-side", "-n", ns.name, "-f", "-"], {
    input: bare,
    allowFailure: true,
  });
  expect(res.exitCode).not.toBe(0);
  expect(res.stderr).toContain("spec.appType is required");
});
