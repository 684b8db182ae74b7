// A Session whose app cannot start fails after its startupTimeout, with the cause taken from the pod.
import { describe, expect, it } from "vitest";
import {
  apply,
  condition,
  desktopTemplate,
  session,
  useReconciler,
  waitForSession,
} from "../support/streamspace.js";

const ns = useReconciler("ss-startup", {}, async () => {
  // kwok's stages make any image on the reserved .invalid domain fail to pull (scripts/cluster/README.md).
  await apply(desktopTemplate(ns.name, "unpullable", { baseImage: "registry.invalid/nobody/app:1" }));
});

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
