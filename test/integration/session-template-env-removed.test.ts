// A variable removed from a Template leaves the running Session's Deployment: server-side apply drops a
// field only when the object is sent without it, so "the live object already has every field we want"
// must not stop that apply.
import { expect, test } from "vitest";
import { kubectlJson, waitFor } from "../support/kube.js";
import { apply, desktopTemplate, session, useReconciler } from "../support/streamspace.js";

type Deployment = { spec: { template: { spec: { containers: Array<{ env?: Array<{ name: string }> }> } } } };

const envNames = async (namespace: string) => {
  const d = await kubectlJson<Deployment>(["get", "deployment", "ss-s1", "-n", namespace]);
  return (d.spec.template.spec.containers[0]?.env ?? []).map((e) => e.name);
};

const ns = useReconciler("ss-env-removed", {}, async (namespace) => {
  await apply(desktopTemplate(namespace, "firefox", { env: [{ name: "FAVOURITE", value: "blue" }] }));
  await apply(session(namespace, "s1", { template: "firefox" }));
});

test("removing env from the Template removes the variable from the Session's Deployment", async () => {
  await waitFor(async () => (await envNames(ns.name)).includes("FAVOURITE"), {
    what: "the Deployment with FAVOURITE",
  });
  await apply(desktopTemplate(ns.name, "firefox"));
  const names = await waitFor(
    async () => {
      const now = await envNames(ns.name);
      return now.includes("FAVOURITE") ? undefined : now;
    },
    { what: "FAVOURITE gone from the Deployment", timeoutMs: 15_000 },
  );
  expect(names).not.toContain("FAVOURITE");
});
