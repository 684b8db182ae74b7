// Someone edits or deletes a Session's objects by hand: the reconciler puts them back within seconds.
import { describe, expect, it } from "vitest";
import { kubectl, waitFor } from "../support/kube.js";
import {
  apply,
  desktopTemplate,
  getDeployment,
  names,
  session,
  useReconciler,
  waitForSession,
} from "../support/streamspace.js";

const ns = useReconciler("ss-drift", {}, async () => {
  await apply(desktopTemplate(ns.name, "firefox"));
  await apply(session(ns.name, "s1", { template: "firefox" }));
  await waitForSession(ns.name, "s1", (s) => s.status?.phase === "Running", "Running");
});

describe("drift", () => {
  it("restores an edited Deployment (replicas and image)", async () => {
    await kubectl(["scale", "deployment", "ss-s1", "-n", ns.name, "--replicas=3"]);
    await kubectl(["set", "image", "deployment/ss-s1", "-n", ns.name, "app=evil.example/miner:1"]);
    await waitFor(
      async () => {
        const d = await getDeployment(ns.name, "ss-s1");
        return (
          d.spec.replicas === 1 &&
          d.spec.template.spec.containers[0]?.image === "lscr.io/linuxserver/firefox:latest"
        );
      },
      { what: "the Deployment restored", timeoutMs: 10_000 },
    );
  });

  it("recreates a deleted Deployment and Service", async () => {
    await kubectl(["delete", "deployment", "ss-s1", "-n", ns.name, "--wait=false"]);
    await kubectl(["delete", "service", "ss-s1", "-n", ns.name, "--wait=false"]);
    await waitFor(
      async () =>
        (await names("deployments", ns.name)).includes("ss-s1") &&
        (await names("services", ns.name)).includes("ss-s1"),
      { what: "the Deployment and Service recreated", timeoutMs: 10_000 },
    );
    const back = await waitForSession(ns.name, "s1", (s) => s.status?.phase === "Running", "Running again");
    expect(back.status?.inventory?.length).toBe(3);
  });
});
