// The platform's maximum session duration holds for a Session that asks for none: maxSessionDuration
// "0" (never) is terminated once the platform's maximum has passed, with that reason.
import { expect, test } from "vitest";
import { apply, desktopTemplate, session, useReconciler, waitForSession } from "../support/streamspace.js";

const ns = useReconciler(
  "ss-platform-max",
  { sessions: { maximums: { maxSessionDuration: "4s" } } },
  async () => {
    await apply(desktopTemplate(ns.name, "firefox"));
  },
);

test('a Session with maxSessionDuration "0" is terminated at the platform maximum', async () => {
  await apply(session(ns.name, "s1", { template: "firefox", maxSessionDuration: "0" }));
  const running = await waitForSession(ns.name, "s1", (s) => s.status?.phase === "Running", "Running");
  const ended = await waitForSession(
    ns.name,
    "s1",
    (s) => s.status?.phase === "Terminated",
    "Terminated",
    30_000,
  );
  expect(ended.status?.reason).toBe("MaxSessionDurationExceeded");
  // Not before the maximum: terminated 4 s or more after it started (same machine, same clock).
  expect(Date.now() - Date.parse(running.status?.startedAt ?? "")).toBeGreaterThanOrEqual(4000);
});
