// No session can fill its node's disk: every session gets an ephemeral-storage limit (the platform's
// default unless Session or Template sets one), and each of its emptyDir volumes that size limit.
import { describe, expect, it } from "vitest";
import {
  bundle,
  bundleSettings,
  containerOf,
  deploymentOf,
  desktopTemplate,
  makeSession,
} from "./fixtures/session-fixtures.js";

type Volume = { name: string; emptyDir?: { sizeLimit?: string; medium?: string } };

describe("a session's scratch space is limited", () => {
  const template = desktopTemplate({
    volumeMounts: [
      { name: "home", mountPath: "/config" },
      { name: "cache", mountPath: "/cache" },
    ],
  });
  const settings = bundleSettings({
    sessions: { home: { mode: "ephemeral" }, ephemeralStorageLimit: "3Gi" },
  });

  it("limits ephemeral storage and every emptyDir by default", () => {
    const objects = bundle({ session: makeSession(), template, settings });
    expect(containerOf(objects).resources.limits["ephemeral-storage"]).toBe("3Gi");
    const volumes = deploymentOf(objects).spec.template.spec.volumes as Volume[];
    const emptyDirs = volumes.filter((v) => v.emptyDir && v.emptyDir.medium !== "Memory");
    expect(emptyDirs.map((v) => v.name).sort()).toEqual(["cache", "home"]);
    for (const volume of emptyDirs) expect(volume.emptyDir?.sizeLimit).toBe("3Gi");
  });

  it("takes the Session's limit over the platform's", () => {
    const session = makeSession({ spec: { resources: { limits: { "ephemeral-storage": "7Gi" } } } });
    const volumes = deploymentOf(bundle({ session, template, settings })).spec.template.spec
      .volumes as Volume[];
    expect(volumes.find((v) => v.name === "cache")?.emptyDir?.sizeLimit).toBe("7Gi");
  });
});
