import type { TemplateSpec } from "../../src/api/generated/types.js";

type Mount = NonNullable<TemplateSpec["volumeMounts"]>[number];

/** Names a Template may give its home mount: ours, then the original design's. */
export const HOME_MOUNT_NAMES = ["home", "user-home"] as const;

/** Where the home goes when a Template declares no home mount: the LinuxServer.io convention. */
export const DEFAULT_HOME_PATH = "/config";

/**
 * The Template's home mount: the one named `home`, else `user-home`, else whatever it mounts at
 * DEFAULT_HOME_PATH, else a new `home` mount there. A persistent home always has a place to go, so
 * its claim is never created unmounted (docs/decisions/0041).
 */
export function homeMount(spec: TemplateSpec): { readonly mount: Mount; readonly declared: boolean } {
  const mounts = spec.volumeMounts ?? [];
  for (const name of HOME_MOUNT_NAMES) {
    const named = mounts.find((m) => m.name === name);
    if (named) return { mount: named, declared: true };
  }
  const atDefault = mounts.find((m) => m.mountPath === DEFAULT_HOME_PATH);
  if (atDefault) return { mount: atDefault, declared: true };
  return { mount: { name: "home", mountPath: DEFAULT_HOME_PATH }, declared: false };
}
