import { ApiObject } from "cdk8s";
import { Construct } from "constructs";
import { type PodSecurityLevel, SESSIONS_POD_SECURITY } from "../../src/api/validation/template-policy.js";
import { platformLabels, SYNC_WAVE } from "./labels.js";

export interface NamespacesProps {
  /** Where the reconciler runs; Pod Security "restricted" is enforced there. */
  readonly platform: string;
  /**
   * Where sessions run. Desktop images often start as root and drop privileges themselves, so
   * "baseline" is enforced there and "restricted" only warned about.
   */
  readonly sessions: string;
}

function podSecurity(enforce: PodSecurityLevel): Record<string, string> {
  return {
    "pod-security.kubernetes.io/enforce": enforce,
    "pod-security.kubernetes.io/enforce-version": "latest",
    "pod-security.kubernetes.io/warn": "restricted",
    "pod-security.kubernetes.io/audit": "restricted",
  };
}

/**
 * The sessions namespace holds every user's home: deleting it with the release would delete them
 * all. Helm leaves it in place on uninstall, Argo CD neither prunes it nor deletes it with the app.
 */
export const KEEP_ON_UNINSTALL: Readonly<Record<string, string>> = {
  "helm.sh/resource-policy": "keep",
  "argocd.argoproj.io/sync-options": "Prune=false,Delete=false",
};

export class Namespaces extends Construct {
  constructor(scope: Construct, id: string, props: NamespacesProps) {
    super(scope, id);
    const namespace = (
      key: string,
      name: string,
      enforce: PodSecurityLevel,
      component: string,
      annotations: Record<string, string> = {},
    ) =>
      new ApiObject(this, key, {
        apiVersion: "v1",
        kind: "Namespace",
        metadata: {
          name,
          labels: { ...platformLabels(component), ...podSecurity(enforce) },
          annotations: { [SYNC_WAVE]: "-5", ...annotations },
        },
      });
    namespace("Platform", props.platform, "restricted", "platform");
    namespace("Sessions", props.sessions, SESSIONS_POD_SECURITY, "sessions", KEEP_ON_UNINSTALL);
  }
}
