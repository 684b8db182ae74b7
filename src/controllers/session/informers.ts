import { isDeepStrictEqual } from "node:util";
import type { V1Deployment, V1Pod } from "@kubernetes/client-node";
import type { Quota, Session, Template } from "../../api/generated/types.js";
import { SESSION_LABEL } from "../../api/labels.js";
import { labelValue } from "../../api/names.js";
import type { Cached } from "../../api/objects.js";
import { API_GROUP, API_VERSION } from "../../api/schemas/index.js";
import type { KubeObject } from "../../apply/apply.js";
import { Informer } from "../../core/informer.js";
import type { KubeConfig } from "../../core/kubeconfig.js";
import type { Logger } from "../../telemetry/log.js";

/** Our kinds as the informers hold them (client-node's metadata type, with times as the strings JSON has). */

type Owned = KubeObject & {
  metadata: { ownerReferences?: Array<{ kind: string; name: string; controller?: boolean }> };
};

/** The Session that controls an owned object, as a store key. */
export function ownerSessionKey(object: Owned): string[] {
  const owner = object.metadata.ownerReferences?.find((o) => o.kind === "Session" && o.controller);
  return owner ? [`${object.metadata.namespace}/${owner.name}`] : [];
}

/**
 * Whether a Session update changed nothing but its status: nearly always our own status write coming
 * back, which a reconcile would find already done. Spec changes bump the generation (deletion too);
 * labels and annotations do not, so they are compared.
 */
export function onlyStatusChanged(session: Cached<Session>, old: Cached<Session>): boolean {
  const now = session.metadata ?? {};
  const before = old.metadata ?? {};
  return (
    now.generation === before.generation &&
    now.deletionTimestamp === before.deletionTimestamp &&
    isDeepStrictEqual(now.labels ?? {}, before.labels ?? {}) &&
    isDeepStrictEqual(now.annotations ?? {}, before.annotations ?? {})
  );
}

export interface SessionInformers {
  readonly sessions: Informer<Cached<Session>>;
  readonly templates: Informer<Cached<Template>>;
  readonly quotas: Informer<Cached<Quota>>;
  readonly deployments: Informer<V1Deployment & KubeObject>;
  readonly services: Informer<KubeObject>;
  readonly ingresses: Informer<KubeObject>;
  readonly claims: Informer<KubeObject>;
  readonly pods: Informer<V1Pod>;
}

/**
 * Everything the Session controller reads, cached by watches in the session namespace. Owned objects
 * are cached too, so that "is the live object already as desired?" costs no request.
 */
export function sessionInformers(
  kubeConfig: KubeConfig,
  namespace: string,
  log: Logger,
  resyncMs?: number,
): SessionInformers {
  const crd = (plural: string) => ({ group: API_GROUP, version: API_VERSION, plural });
  const managed = "app.kubernetes.io/managed-by=streamspace";
  const common = { kubeConfig, namespace, log, ...(resyncMs !== undefined ? { resyncMs } : {}) };
  return {
    sessions: new Informer<Cached<Session>>({
      ...common,
      resource: crd("sessions"),
      indexers: {
        template: (s) => [`${s.metadata?.namespace}/${s.spec.template}`],
        user: (s) => [`${s.metadata?.namespace}/${s.spec.user}`],
        podLabel: (s) => [`${s.metadata?.namespace}/${labelValue(s.metadata?.name ?? "")}`],
      },
    }),
    templates: new Informer<Cached<Template>>({ ...common, resource: crd("templates") }),
    quotas: new Informer<Cached<Quota>>({ ...common, resource: crd("quotas") }),
    deployments: new Informer({
      ...common,
      resource: { group: "apps", version: "v1", plural: "deployments" },
      labelSelector: `${managed},app.kubernetes.io/component=session`,
    }),
    services: new Informer({
      ...common,
      resource: { group: "", version: "v1", plural: "services" },
      labelSelector: `${managed},app.kubernetes.io/component=session`,
    }),
    ingresses: new Informer({
      ...common,
      resource: { group: "networking.k8s.io", version: "v1", plural: "ingresses" },
      labelSelector: `${managed},app.kubernetes.io/component=session`,
    }),
    claims: new Informer({
      ...common,
      resource: { group: "", version: "v1", plural: "persistentvolumeclaims" },
      labelSelector: `${managed},app.kubernetes.io/component=home`,
    }),
    pods: new Informer<V1Pod>({
      ...common,
      resource: { group: "", version: "v1", plural: "pods" },
      labelSelector: "app.kubernetes.io/component=session",
      indexers: { session: (p) => [`${p.metadata?.namespace}/${p.metadata?.labels?.[SESSION_LABEL] ?? ""}`] },
      // Health reads only a pod's metadata and status; its spec is most of its size.
      transform: ({ apiVersion, kind, metadata, status }) => ({ apiVersion, kind, metadata, status }),
    }),
  };
}
