// A Session becomes Running only once its pod is Ready, with the URL and pod name in its status.
import { describe, expect, it } from "vitest";
import { kubectlJson } from "../support/kube.js";
import {
  apply,
  condition,
  desktopTemplate,
  session,
  useReconciler,
  waitForSession,
} from "../support/streamspace.js";

const ns = useReconciler("ss-create", {}, async () => {
  await apply(desktopTemplate(ns.name, "firefox"));
});

type Pod = { metadata: { name: string }; status: { conditions?: Array<{ type: string; status: string }> } };

describe("creating a Session", () => {
  it("reaches phase Running once its pod is Ready, never before", async () => {
    await apply(session(ns.name, "alice-firefox", { template: "firefox" }));
    const running = await waitForSession(
      ns.name,
      "alice-firefox",
      (s) => s.status?.phase === "Running",
      "Running",
    );

    const pod = await kubectlJson<Pod>(["get", "pod", running.status?.podName ?? "", "-n", ns.name]);
    expect(pod.status.conditions?.find((c) => c.type === "Ready")?.status).toBe("True");
    expect(running.status?.url).toBe(`http://ss-alice-firefox.streamspace.local/`);
    expect(running.status?.readyAt).toBeTruthy();
    expect(condition(running, "Ready")).toMatchObject({ status: "True", reason: "Running" });
    expect(condition(running, "Reconciling")).toBeUndefined();
    expect(running.status?.observedGeneration).toBe(running.metadata?.generation);
    expect(running.status?.inventory?.map((r) => r.kind).sort()).toEqual([
      "Deployment",
      "Ingress",
      "Service",
    ]);
  });

  it("stays Pending, not Running, while its pod cannot become Ready", async () => {
    await apply(desktopTemplate(ns.name, "broken", { baseImage: "registry.invalid/streamspace/firefox:1" }));
    await apply(session(ns.name, "alice-broken", { template: "broken" }));
    const pending = await waitForSession(
      ns.name,
      "alice-broken",
      (s) =>
        s.status?.reason === "ImagePullBackOff" || (s.status?.message ?? "").includes("ImagePullBackOff"),
      "the pull failure reported",
    );
    expect(pending.status?.phase).toBe("Pending");
    expect(condition(pending, "Ready")?.status).toBe("False");
    expect(condition(pending, "Reconciling")?.status).toBe("True");
  });
});
