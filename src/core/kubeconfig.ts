import { existsSync, readFileSync } from "node:fs";
import type https from "node:https";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";
import { kubeConfigOf, loadKubeConfigFile, tokenFile } from "./kubeconfig-load.js";

/**
 * What src/core/kube-http.ts needs to reach the API server: its address, and the TLS material and
 * headers for a request (asked per request, because tokens rotate). @kubernetes/client-node's KubeConfig
 * has this shape too, so tests may pass one; the reconciler loads its own (loadKubeConfig), because
 * importing client-node loads its whole generated API (about 75 MB of memory) for two methods.
 */
export interface KubeConfig {
  getCurrentCluster(): { readonly server: string } | null;
  applyToHTTPSOptions(options: https.RequestOptions): Promise<void>;
}

export { loadKubeConfigFile } from "./kubeconfig-load.js";

export interface LoadOptions {
  /** Where ~/.kube/config is looked for. */
  home?: string;
  /** Where a pod's service-account token and CA are mounted. */
  serviceAccountDir?: string;
}

/**
 * The cluster to talk to, in controller-runtime's order: the file KUBECONFIG names, else the pod's
 * service account, else ~/.kube/config. KUBECONFIG may be a list; kubectl merges its files, but a
 * reconciler needs one context, so the first file that exists is used and no merging is done.
 */
export function loadKubeConfig(
  env: NodeJS.ProcessEnv = process.env,
  { home = homedir(), serviceAccountDir = "/var/run/secrets/kubernetes.io/serviceaccount" }: LoadOptions = {},
): KubeConfig {
  if (env.KUBECONFIG) {
    const file = env.KUBECONFIG.split(delimiter).find((f) => f && existsSync(f));
    if (!file) throw new Error(`KUBECONFIG=${env.KUBECONFIG}: no such file`);
    return loadKubeConfigFile(file);
  }
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  if (host && port && existsSync(join(serviceAccountDir, "token"))) {
    // Read per request at most once a minute: the kubelet rotates bound service-account tokens.
    const token = tokenFile(join(serviceAccountDir, "token"));
    return kubeConfigOf(
      `https://${host.includes(":") ? `[${host}]` : host}:${port}`,
      { ca: readFileSync(join(serviceAccountDir, "ca.crt"), "utf8") },
      () => ({ authorization: `Bearer ${token()}` }),
    );
  }
  const file = join(home, ".kube", "config");
  if (existsSync(file)) return loadKubeConfigFile(file);
  throw new Error(
    `no kubeconfig: KUBECONFIG is not set, this is not a pod with a service account, and ${file} does not exist`,
  );
}
