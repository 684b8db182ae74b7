import type https from "node:https";

/**
 * What src/core/kube-http.ts needs to reach the API server: its address, and the TLS material and
 * headers for a request (asked per request, because tokens rotate). @kubernetes/client-node's KubeConfig
 * has this shape too, so tests may pass one; the reconciler loads its own, because importing client-node
 * loads its whole generated API (about 75 MB of memory) for two methods.
 */
export interface KubeConfig {
  getCurrentCluster(): { readonly server: string } | null;
  applyToHTTPSOptions(options: https.RequestOptions): Promise<void>;
}
