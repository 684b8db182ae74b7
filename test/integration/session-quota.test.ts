// Quotas hold for Sessions created with kubectl: the one over the limit is not started, and starts
// when room is made.
import { describe, expect, it } from "vitest";
import {
  apply,
  condition,
  desktopTemplate,
  getDeployment,
  names,
  patchSpec,
  session,
  useReconciler,
  waitForSession,
} from "../support/streamspace.js";

const ns = useReconciler("ss-quota", {}, async () => {
  await apply(desktopTemplate(ns.name, "firefox"));
  await apply({
    apiVersion: "stream.streamspace.io/v1alpha1",
    kind: "Quota",
    metadata: { name: "default", namespace: ns.name },
    spec: { limits: { maxRunningSessions: 1 } },
  });
});

describe("a Quota of one running session", () => {
  it("runs the first Session and refuses the second with QuotaExceeded", async () => {
    await apply(session(ns.name, "first", { template: "firefox" }));
    await waitForSession(ns.name, "first", (s) => s.status?.phase === "Running", "Running");
    await apply(session(ns.name, "second", { template: "firefox" }));
    const refused = await waitForSession(
      ns.name,
      "second",
      (s) => s.status?.reason === "QuotaExceeded",
      "QuotaExceeded",
    );
    expect(refused.status?.phase).toBe("Pending");
    expect(condition(refused, "Stalled")?.message).toMatch(/maxRunningSessions=1 of Quota default/);
    expect((await getDeployment(ns.name, "ss-second")).spec.replicas).toBe(0);
    expect(await names("pods", ns.name, "streamspace.io/session=second")).toEqual([]);
  });

  it("does not count another user's sessions", async () => {
    await apply(session(ns.name, "carol-1", { template: "firefox", user: "carol" }));
    await waitForSession(ns.name, "carol-1", (s) => s.status?.phase === "Running", "Running");
  });

  it("starts the refused Session once the first is hibernated", async () => {
    await patchSpec(ns.name, "first", { state: "hibernated" });
    await waitForSession(ns.name, "second", (s) => s.status?.phase === "Running", "Running", 15_000);
  });
});
