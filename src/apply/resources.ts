/** Where each kind we manage is served. A static table: we only ever apply these kinds. */
export interface ResourceType {
  readonly group: string;
  readonly version: string;
  readonly plural: string;
  readonly namespaced: boolean;
}

const TYPES: Record<string, ResourceType> = {
  "apps/v1/Deployment": { group: "apps", version: "v1", plural: "deployments", namespaced: true },
  "v1/Service": { group: "", version: "v1", plural: "services", namespaced: true },
  "v1/PersistentVolumeClaim": {
    group: "",
    version: "v1",
    plural: "persistentvolumeclaims",
    namespaced: true,
  },
  "v1/ConfigMap": { group: "", version: "v1", plural: "configmaps", namespaced: true },
  "v1/Secret": { group: "", version: "v1", plural: "secrets", namespaced: true },
  "v1/Pod": { group: "", version: "v1", plural: "pods", namespaced: true },
  "networking.k8s.io/v1/Ingress": {
    group: "networking.k8s.io",
    version: "v1",
    plural: "ingresses",
    namespaced: true,
  },
  "stream.streamspace.io/v1alpha1/Session": {
    group: "stream.streamspace.io",
    version: "v1alpha1",
    plural: "sessions",
    namespaced: true,
  },
  "stream.streamspace.io/v1alpha1/Template": {
    group: "stream.streamspace.io",
    version: "v1alpha1",
    plural: "templates",
    namespaced: true,
  },
  "stream.streamspace.io/v1alpha1/TemplateRepository": {
    group: "stream.streamspace.io",
    version: "v1alpha1",
    plural: "templaterepositories",
    namespaced: true,
  },
  "stream.streamspace.io/v1alpha1/Quota": {
    group: "stream.streamspace.io",
    version: "v1alpha1",
    plural: "quotas",
    namespaced: true,
  },
};

export function isManagedKind(apiVersion: string, kind: string): boolean {
  return Object.hasOwn(TYPES, `${apiVersion}/${kind}`);
}

export function resourceType(apiVersion: string, kind: string): ResourceType {
  const type = TYPES[`${apiVersion}/${kind}`];
  if (!type) throw new Error(`StreamSpace does not manage ${kind} (${apiVersion})`);
  return type;
}

/** URL path of one object, e.g. `/apis/apps/v1/namespaces/ns/deployments/name`. */
export function objectPath(ref: {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}): string {
  const type = resourceType(ref.apiVersion, ref.kind);
  const base = type.group === "" ? `/api/${type.version}` : `/apis/${type.group}/${type.version}`;
  const ns = type.namespaced && ref.namespace ? `/namespaces/${encodeURIComponent(ref.namespace)}` : "";
  return `${base}${ns}/${type.plural}/${encodeURIComponent(ref.name)}`;
}
