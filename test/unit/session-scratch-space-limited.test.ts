// No session can fill its node's disk: every session gets an ephemeral-storage limit (the Template's,
// else the platform's; a Session may ask for less, never more), and each of its emptyDir volumes that
// size limit.
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

  const scratchOf = (resources: object, tmpl = template) => {
    const objects = bundle({ session: makeSession({ spec: { resources } }), template: tmpl, settings });
    const volumes = deploymentOf(objects).spec.template.spec.volumes as Volume[];
    const { requests, limits } = containerOf(objects).resources;
    return {
      request: requests["ephemeral-storage"],
      limit: limits["ephemeral-storage"],
      cache: volumes.find((v) => v.name === "cache")?.emptyDir?.sizeLimit,
    };
  };

  it("takes a Session's smaller limit", () => {
    expect(scratchOf({ limits: { "ephemeral-storage": "2Gi" } })).toEqual({
      request: "0",
      limit: "2Gi",
      cache: "2Gi",
    });
  });

  it("never lets a Session raise it above the platform's, nor reserve more than that", () => {
    expect(
      scratchOf({ requests: { "ephemeral-storage": "50Ti" }, limits: { "ephemeral-storage": "100Ti" } }),
    ).toEqual({ request: "3Gi", limit: "3Gi", cache: "3Gi" });
  });

  it("caps a Session at its Template's limit when the Template sets one", () => {
    const roomy = desktopTemplate({
      volumeMounts: [{ name: "cache", mountPath: "/cache" }],
      defaultResources: { limits: { "ephemeral-storage": "20Gi" } },
    });
    expect(scratchOf({ limits: { "ephemeral-storage": "15Gi" } }, roomy).limit).toBe("15Gi");
    expect(scratchOf({ limits: { "ephemeral-storage": "1Ti" } }, roomy).limit).toBe("20Gi");
  });
});
