/**
 * Whatever the Template calls its home mount (`home`, or `user-home` as the original design writes it),
 * a Session with a persistent home gets its home volume claim mounted where that mount points, and at
 * /config when the Template declares none: a claim is never created without being mounted.
 */
import { describe, expect, it } from "vitest";
import {
  bundle,
  bundleSettings,
  type DeploymentJson,
  desktopTemplate,
  makeSession,
  only,
  type PodSpecJson,
  webappTemplate,
} from "./fixtures/session-fixtures.js";

function pod(objects: ReturnType<typeof bundle>): PodSpecJson {
  return only<DeploymentJson>(objects, "Deployment").spec.template.spec;
}

/** Where each volume is mounted in the app container, by the kind of volume behind it. */
function mounts(objects: ReturnType<typeof bundle>) {
  const spec = pod(objects);
  const app = spec.containers[0];
  return (app?.volumeMounts ?? [])
    .filter((m) => m.mountPath !== "/dev/shm")
    .map((m) => {
      const volume = spec.volumes.find((v) => v.name === m.name);
      return {
        mountPath: m.mountPath,
        claim: volume?.persistentVolumeClaim?.claimName,
        emptyDir: volume?.emptyDir !== undefined,
      };
    });
}

const claimOf = (objects: ReturnType<typeof bundle>) =>
  only<{ metadata: { name: string } }>(objects, "PersistentVolumeClaim").metadata.name;

describe("the home volume is mounted where the Template keeps its home", () => {
  it("a mount named home gets the claim", () => {
    const objects = bundle();
    expect(mounts(objects)).toEqual([{ mountPath: "/config", claim: claimOf(objects), emptyDir: false }]);
  });

  it("a mount named user-home, as the original design names it, gets the claim, not an emptyDir", () => {
    const objects = bundle({
      template: desktopTemplate({ volumeMounts: [{ name: "user-home", mountPath: "/config" }] }),
    });
    expect(mounts(objects)).toEqual([{ mountPath: "/config", claim: claimOf(objects), emptyDir: false }]);
  });

  it("other mounts stay scratch space beside the home", () => {
    const objects = bundle({
      template: desktopTemplate({
        volumeMounts: [
          { name: "cache", mountPath: "/cache" },
          { name: "user-home", mountPath: "/home/kasm-user" },
        ],
      }),
    });
    expect(mounts(objects)).toEqual([
      { mountPath: "/cache", claim: undefined, emptyDir: true },
      { mountPath: "/home/kasm-user", claim: claimOf(objects), emptyDir: false },
    ]);
  });

  it("a Template that declares no home mount gets the claim at /config", () => {
    const objects = bundle({ template: webappTemplate({ volumeMounts: undefined }) });
    expect(mounts(objects)).toEqual([{ mountPath: "/config", claim: claimOf(objects), emptyDir: false }]);
  });

  it("a Template's other mount at /config is the home, rather than a second mount at the same path", () => {
    const objects = bundle({
      template: desktopTemplate({ volumeMounts: [{ name: "data", mountPath: "/config" }] }),
    });
    expect(mounts(objects)).toEqual([{ mountPath: "/config", claim: claimOf(objects), emptyDir: false }]);
  });

  it("in every home mode and template shape, a claim in the bundle is mounted by its Deployment", () => {
    const templates = [
      desktopTemplate(),
      desktopTemplate({ volumeMounts: [{ name: "user-home", mountPath: "/config" }] }),
      desktopTemplate({ volumeMounts: [{ name: "scratch", mountPath: "/tmp/x" }] }),
      webappTemplate({ volumeMounts: undefined }),
    ];
    for (const mode of ["perUser", "perSession"]) {
      for (const template of templates) {
        const objects = bundle({ template, settings: bundleSettings({ sessions: { home: { mode } } }) });
        expect(
          mounts(objects).filter((m) => m.claim === claimOf(objects)),
          mode,
        ).toHaveLength(1);
      }
    }
  });

  it("without a persistent home the home mount is an emptyDir and there is no claim", () => {
    const objects = bundle({
      session: makeSession({ spec: { persistentHome: false } }),
      template: desktopTemplate({ volumeMounts: [{ name: "user-home", mountPath: "/config" }] }),
    });
    expect(objects.filter((o) => o.kind === "PersistentVolumeClaim")).toEqual([]);
    expect(mounts(objects)).toEqual([{ mountPath: "/config", claim: undefined, emptyDir: true }]);
  });
});
