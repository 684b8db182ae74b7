import { isDeepStrictEqual } from "node:util";
import { KubeApiError, kubeRequest } from "../core/kube-http.js";
import type { KubeConfig } from "../core/kubeconfig.js";
import { objectPath } from "./resources.js";
import { isSubset } from "./subset.js";

export const FIELD_MANAGER = "streamspace";

export type ApplyResult = "created" | "configured" | "unchanged";

export type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
  [key: string]: unknown;
};

/** What server-side apply may change; the rest of a live object is the server's or other managers'. */
function comparable(object: KubeObject | undefined): unknown {
  if (!object) return undefined;
  const { status: _status, metadata, ...rest } = object;
  const {
    managedFields: _m,
    resourceVersion: _r,
    generation: _g,
    ...meta
  } = metadata as Record<string, unknown>;
  return { ...rest, metadata: meta };
}

function applyRequest(kc: KubeConfig, desired: KubeObject, dryRun: boolean): Promise<KubeObject> {
  return kubeRequest<KubeObject>(kc, objectPath({ ...desired, ...desired.metadata }), {
    method: "PATCH",
    body: desired,
    contentType: "application/apply-patch+yaml",
    query: { fieldManager: FIELD_MANAGER, force: true, ...(dryRun ? { dryRun: "All" } : {}) },
  });
}

/**
 * Server-side apply with one field manager, forced, and no write when nothing would change:
 * first a free check against the cached live object, then, when that is inconclusive (the server
 * normalizes some values), a dry-run apply compared with the live object.
 */
export async function applyObject(
  kc: KubeConfig,
  desired: KubeObject,
  live: KubeObject | undefined,
): Promise<{ result: ApplyResult; object: KubeObject }> {
  if (live && isSubset(desired, live)) return { result: "unchanged", object: live };
  if (live) {
    const preview = await applyRequest(kc, desired, true);
    // Deep equality, not JSON text: the two answers need not list keys in the same order.
    if (isDeepStrictEqual(comparable(preview), comparable(live))) {
      return { result: "unchanged", object: live };
    }
  }
  const object = await applyRequest(kc, desired, false);
  return { result: live ? "configured" : "created", object };
}

/** Deletes an object; one already gone counts as deleted. */
export async function deleteObject(
  kc: KubeConfig,
  ref: { apiVersion: string; kind: string; namespace?: string; name: string },
): Promise<void> {
  try {
    await kubeRequest(kc, objectPath(ref), { method: "DELETE", query: { propagationPolicy: "Background" } });
  } catch (error) {
    if (!(error instanceof KubeApiError && error.statusCode === 404)) throw error;
  }
}

/** Merges `status` into an object's status subresource. */
export function patchStatus(
  kc: KubeConfig,
  ref: { apiVersion: string; kind: string; namespace?: string; name: string },
  status: unknown,
): Promise<KubeObject> {
  return kubeRequest<KubeObject>(kc, `${objectPath(ref)}/status`, {
    method: "PATCH",
    body: { status },
    contentType: "application/merge-patch+json",
  });
}
