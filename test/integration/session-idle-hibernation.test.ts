// An idle Session is warned, then hibernated; the next activity wakes it.
import { describe, expect, it } from "vitest";
import { LAST_ACTIVITY_ANNOTATION } from "../../src/api/labels.js";
import { kubectl } from "../support/kube.js";
import {
  apply,
  condition,
  desktopTemplate,
  session,
  useReconciler,
  waitForSession,
} from "../support/streamspace.js";

const ns = useReconciler("ss-idle", { sessions: { idleWarning: "3s" } }, async () => {
  await apply(desktopTemplate(ns.name, "firefox"));
});

describe("idle hibernation", () => {
  it("warns, then hibernates with reason IdleTimeout, without touching spec", async () => {
    await apply(session(ns.name, "s1", { template: "firefox", idleTimeout: "6s" }));
    await waitForSession(ns.name, "s1", (s) => s.status?.phase === "Running", "Running");
    const warned = await waitForSession(
      ns.name,
      "s1",
      (s) => condition(s, "IdleWarning")?.status === "True",
      "warned",
    );
    expect(condition(warned, "IdleWarning")?.message).toMatch(/hibernates at/);
    expect(warned.status?.phase).toBe("Running");
    const idle = await waitForSession(
      ns.name,
      "s1",
      (s) => s.status?.phase === "Hibernated",
      "Hibernated",
      20_000,
    );
    expect(idle.status?.reason).toBe("IdleTimeout");
    expect(idle.spec.state).toBe("running");
    expect(condition(idle, "IdleWarning")).toBeUndefined();
  });

  it("wakes when activity is reported after the hibernation", async () => {
    await kubectl([
      "annotate",
      "session",
      "s1",
      "-n",
      ns.name,
      "--overwrite",
      `${LAST_ACTIVITY_ANNOTATION}=${new Date().toISOString()}`,
    ]);
    const woken = await waitForSession(ns.name, "s1", (s) => s.status?.phase === "Running", "Running again");
    expect(woken.status?.hibernatedAt).toBeUndefined();
  });
});
