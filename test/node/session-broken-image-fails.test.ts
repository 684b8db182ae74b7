// A Session whose image cannot start (its entrypoint does not exist) fails, and its status carries
// the reason the real kubelet and runtime gave for the container.
import { describe, expect, it } from "vitest";
import { BROKEN_ENTRYPOINT_IMAGE } from "../../scripts/images/definitions.js";
import { fixtureTemplate, ON_REAL_NODE } from "../support/real-node.js";
import { apply, session, useReconciler, waitForSession } from "../support/streamspace.js";

const ns = useReconciler(
  "node-broken",
  { sessions: { ...ON_REAL_NODE.sessions, startupTimeout: "20s" } },
  async (namespace) => {
    await apply(fixtureTemplate("desktop-test.yaml", namespace, { baseImage: BROKEN_ENTRYPOINT_IMAGE }));
  },
);

describe("a Session whose image has no entrypoint", () => {
  it("fails with the container's reason in its status", async () => {
    await apply(session(ns.name, "broken", { template: "desktop-test" }));
    const failed = await waitForSession(
      ns.name,
      "broken",
      (s) => s.status?.phase === "Failed",
      "Failed",
      90_000,
    );
    // The kubelet retries it, between RunContainerError (an attempt failed) and CrashLoopBackOff (waiting
    // to retry): whichever the startup timeout meets, the status carries runc's error naming the entrypoint.
    expect(["RunContainerError", "CrashLoopBackOff"]).toContain(failed.status?.reason);
    expect(failed.status?.message).toMatch(/no-such-entrypoint/);
  });
});
