// A Session that reaches its maxSessionDuration is terminated, with that reason, and stays so.
import { describe, expect, it } from "vitest";
import {
  apply,
  desktopTemplate,
  names,
  session,
  useReconciler,
  waitForSession,
} from "../support/streamspace.js";

const ns = useReconciler("ss-duration", {}, async () => {
  await apply(desktopTemplate(ns.name, "firefox"));
});

describe("maxSessionDuration", () => {
  it("terminates the session when it has run for that long", async () => {
    await apply(session(ns.name, "s1", { template: "firefox", maxSessionDuration: "4s" }));
    await waitForSession(ns.name, "s1", (s) => s.status?.phase === "Running", "Running");
    const ended = await waitForSession(
      ns.name,
      "s1",
      (s) => s.status?.phase === "Terminated",
      "Terminated",
      20_000,
    );
    expect(ended.status?.reason).toBe("MaxSessionDurationExceeded");
    expect(ended.spec.state).toBe("running");
    expect(await names("deployments", ns.name)).toEqual([]);
  });
});
