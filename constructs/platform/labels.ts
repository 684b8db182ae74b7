/** Labels every platform object carries. */
export function platformLabels(component: string): Record<string, string> {
  return {
    "app.kubernetes.io/name": "streamspace",
    "app.kubernetes.io/component": component,
    "app.kubernetes.io/part-of": "streamspace",
    "app.kubernetes.io/managed-by": "streamspace",
  };
}

export const RECONCILER_NAME = "streamspace-reconciler";
export const GATEWAY_NAME = "streamspace-gateway";
export const CONFIG_MAP_NAME = "streamspace-config";
export const CONFIG_FILE = "config.json";
/** Argo CD applies lower waves first: CRDs, then namespaces, then the platform, then catalog content. */
export const SYNC_WAVE = "argocd.argoproj.io/sync-wave";

export const API_NAME = "streamspace-api";
