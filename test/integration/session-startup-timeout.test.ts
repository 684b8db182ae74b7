// A Session whose app cannot start fails after its startupTimeout, with the cause taken from the pod.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningReconciler } from "../../src/reconciler/start.js";
import { useNamespace } from "../support/kube.js";
import {
  apply,
  condition,
  desktopTemplate,
  installCrds,
  session,
  startTestReconciler,
  waitForSession,
} from "../support/streamspace.js";

const ns = useNamespace("ss-startup");
let reconciler: RunningReconciler;

beforeAll(async () => {
  await installCrds();
  reconciler = await startTestReconciler(ns.name);
  // kwok's stages make any image on the reserved .invalid domain fail to pull (scripts/cluster/README.md).
  await apply(desktopTemplate(ns.name, "unpullable", { baseImage: "registry.invalid/nobody/app:1" }));
});
afterAll(() => reconciler?.stop());

describe("startupTimeout", () => {
  it("marks the session Failed with reason ImagePullBackOff once the timeout passes", async () => {
    await apply(session(ns.name, "s1", { template: "unpullable", startupTimeout: "4s" }));
    const failed = await waitForSession(ns.name, "s1", (s) => s.status?.phase === "Failed", "Failed", 20_000);
    expect(failed.status?.reason).toBe("ImagePullBackOff");
    expect(failed.status?.message).toMatch(/startupTimeout/);
    expect(condition(failed, "Stalled")).toMatchObject({ status: "True", reason: "ImagePullBackOff" });
    expect(condition(failed, "Ready")?.status).toBe("False");
  });
});
