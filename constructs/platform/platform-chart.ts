import { Chart } from "cdk8s";
import type { Construct } from "constructs";
import type { ResolvedPlatformConfig } from "../../src/config/platform-config.js";
import { onlyWhen } from "./conditions.js";
import { DefaultQuota } from "./default-quota.js";
import { Monitoring } from "./monitoring.js";
import { Namespaces } from "./namespaces.js";
import { NetworkPolicies } from "./network-policies.js";
import { ReconcilerRbac } from "./rbac.js";
import { Reconciler } from "./reconciler.js";

export interface PlatformChartProps {
  readonly config: ResolvedPlatformConfig;
  /** The config as the reconciler reads it, and its checksum (see renderConfig). */
  readonly renderedConfig: { readonly json: string; readonly checksum: string };
}

/** The platform itself: namespaces, the reconciler, its RBAC, network policies and the default quota. */
export class PlatformChart extends Chart {
  constructor(scope: Construct, id: string, props: PlatformChartProps) {
    super(scope, id, { disableResourceNameHashes: true });
    const { config } = props;
    new Namespaces(this, "Namespaces", { platform: config.namespace, sessions: config.sessionNamespace });
    new ReconcilerRbac(this, "Rbac", {
      platformNamespace: config.namespace,
      sessionNamespace: config.sessionNamespace,
    });
    new Reconciler(this, "Reconciler", {
      namespace: config.namespace,
      settings: config.reconciler,
      config: props.renderedConfig,
    });
    new DefaultQuota(this, "DefaultQuota", { namespace: config.sessionNamespace, limits: config.quota });
    new Monitoring(this, "Monitoring", {
      namespace: config.namespace,
      prometheusOperator: config.monitoring.prometheusOperator,
    });
    if (config.networkPolicies) {
      const policies = new NetworkPolicies(this, "NetworkPolicies", {
        platformNamespace: config.namespace,
        sessionNamespace: config.sessionNamespace,
        ingressControllerNamespace: config.ingress.controllerNamespace,
        monitoringNamespace: config.monitoring.scrapeNamespace,
        sessionEgressDeniedIPv4: config.security.sessionEgressDeniedIPv4,
        sessionEgressDeniedIPv6: config.security.sessionEgressDeniedIPv6,
      });
      onlyWhen(policies, "networkPolicies");
    }
  }
}
