// A Template written as the original design writes it names its home mount `user-home`: a Session with
// a persistent home gets its home claim mounted there, on the real cluster, and not an emptyDir that the
// first hibernation would lose while the claim sits unused.
import type { V1Deployment } from "@kubernetes/client-node";
import { expect, test } from "vitest";
import { kubectlJson, waitFor } from "../support/kube.js";
import { apply, desktopTemplate, names, session, useReconciler } from "../support/streamspace.js";

const ns = useReconciler(
  "ss-home-mount",
  { sessions: { home: { mode: "perUser", size: "1Gi" } } },
  async () => {
    await apply(
      desktopTemplate(ns.name, "firefox-browser", {
        volumeMounts: [{ name: "user-home", mountPath: "/config" }],
      }),
    );
  },
);

test("the home claim is mounted at the Template's user-home mount", async () => {
  await apply(session(ns.name, "s1", { template: "firefox-browser", user: "carol@example.com" }));
  await waitFor(async () => (await names("deployments", ns.name)).includes("ss-s1"), {
    what: "the Deployment",
  });
  const claims = await names("pvc", ns.name);
  expect(claims).toHaveLength(1);
  const deployment = await kubectlJson<V1Deployment>([
    "get",
    "deployment",
    "ss-s1",
    "-n",
    ns.name,
    "-o",
    "json",
  ]);
  const pod = deployment.spec?.template.spec;
  const home = pod?.containers[0]?.volumeMounts?.find((m) => m.mountPath === "/config");
  expect(home?.name).toBe("user-home");
  expect(pod?.volumes?.find((v) => v.name === home?.name)).toEqual({
    name: "user-home",
    persistentVolumeClaim: { claimName: claims[0] },
  });
});
