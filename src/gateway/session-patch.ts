import { API_GROUP, API_VERSION } from "../api/schemas/index.js";
import { collectionPath, KubeApiError, kubeRequest } from "../core/kube-http.js";
import type { KubeConfig } from "../core/kubeconfig.js";

/** Every write of the gateway to the API server ends within this. */
const PATCH_TIMEOUT_MS = 10_000;

/**
 * Merge-patches a Session, or its status with `subresource`, the gateway's only kind of write: viewer
 * counts (annotations or status) and the activity that wakes a hibernated Session.
 */
export async function patchSession(
  kubeConfig: KubeConfig,
  namespace: string,
  name: string,
  patch: unknown,
  subresource?: "status",
): Promise<void> {
  const sessions = collectionPath({ group: API_GROUP, version: API_VERSION, plural: "sessions" }, namespace);
  await kubeRequest(
    kubeConfig,
    `${sessions}/${encodeURIComponent(name)}${subresource ? `/${subresource}` : ""}`,
    {
      method: "PATCH",
      contentType: "application/merge-patch+json",
      body: patch,
      timeoutMs: PATCH_TIMEOUT_MS,
    },
  );
}

/** A Session deleted while viewers were connected: its counts have nothing left to record. */
export function sessionGone(err: unknown): boolean {
  return err instanceof KubeApiError && err.statusCode === 404;
}
