import { KubeApiError, kubeRequest } from "../core/kube-http.js";
import type { KubeConfig } from "../core/kubeconfig.js";
import { objectPath } from "./resources.js";

// The requests the applier makes, one function each; what to send and when is src/apply/manager.ts.

export const FIELD_MANAGER = "streamspace";

export type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
  [key: string]: unknown;
};

type Ref = { apiVersion: string; kind: string; namespace?: string; name: string };

/** Server-side apply with our one field manager, forced: the fields we declare are ours. */
export function applyRequest(
  kc: KubeConfig,
  desired: KubeObject,
  options: { dryRun?: boolean; signal?: AbortSignal } = {},
): Promise<KubeObject> {
  return kubeRequest<KubeObject>(kc, objectPath({ ...desired, ...desired.metadata }), {
    method: "PATCH",
    body: desired,
    contentType: "application/apply-patch+yaml",
    query: { fieldManager: FIELD_MANAGER, force: true, ...(options.dryRun ? { dryRun: "All" } : {}) },
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

/** Reads one object; undefined when it does not exist. */
export async function getObject(
  kc: KubeConfig,
  ref: Ref,
  signal?: AbortSignal,
): Promise<KubeObject | undefined> {
  try {
    return await kubeRequest<KubeObject>(kc, objectPath(ref), signal ? { signal } : {});
  } catch (error) {
    if (error instanceof KubeApiError && error.statusCode === 404) return undefined;
    throw error;
  }
}

/**
 * Deletes an object; one already gone counts as deleted. With `uid`, only that very object: one
 * deleted and recreated under the same name in between is left alone (the server answers 409).
 */
export async function deleteObject(
  kc: KubeConfig,
  ref: Ref,
  options: { uid?: string; signal?: AbortSignal } = {},
): Promise<void> {
  try {
    await kubeRequest(kc, objectPath(ref), {
      method: "DELETE",
      body: {
        apiVersion: "v1",
        kind: "DeleteOptions",
        propagationPolicy: "Background",
        ...(options.uid ? { preconditions: { uid: options.uid } } : {}),
      },
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (!(error instanceof KubeApiError && error.statusCode === 404)) throw error;
  }
}

/** Merges `status` into an object's status subresource. */
export function patchStatus(
  kc: KubeConfig,
  ref: Ref,
  status: unknown,
  signal?: AbortSignal,
): Promise<KubeObject> {
  return kubeRequest<KubeObject>(kc, `${objectPath(ref)}/status`, {
    method: "PATCH",
    body: { status },
    contentType: "application/merge-patch+json",
    ...(signal ? { signal } : {}),
  });
}
