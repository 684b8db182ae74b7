import { ApiObject } from "cdk8s";
import { Construct } from "constructs";
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

function podSecurity(enforce: "restricted" | "baseline"): Record<string, string> {
  return {
    "pod-security.kubernetes.io/enforce": enforce,
    "pod-security.kubernetes.io/enforce-version": "latest",
    "pod-security.kubernetes.io/warn": "restricted",
    "pod-security.kubernetes.io/audit": "restricted",
  };
}

export class Namespaces extends Construct {
  constructor(scope: Construct, id: string, props: NamespacesProps) {
    super(scope, id);
    const namespace = (key: string, name: string, enforce: "restricted" | "baseline", component: string) =>
      new ApiObject(this, key, {
        apiVersion: "v1",
        kind: "Namespace",
        metadata: {
          name,
          labels: { ...platformLabels(component), ...podSecurity(enforce) },
          annotations: { [SYNC_WAVE]: "-5" },
        },
      });
    namespace("Platform", props.platform, "restricted", "platform");
    namespace("Sessions", props.sessions, "baseline", "sessions");
  }
}
