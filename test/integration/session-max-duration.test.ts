// A Session that reaches its maxSessionDuration is terminated, with that reason, and stays so.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningReconciler } from "../../src/reconciler/start.js";
import { useNamespace } from "../support/kube.js";
import {
  apply,
  desktopTemplate,
  installCrds,
  names,
  session,
  startTestReconciler,
  waitForSession,
} from "../support/streamspace.js";

const ns = useNamespace("ss-duration");
let reconciler: RunningReconciler;

beforeAll(async () => {
  await installCrds();
  reconciler = await startTestReconciler(ns.name);
  await apply(desktopTemplate(ns.name, "firefox"));
});
afterAll(() => reconciler?.stop());

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
