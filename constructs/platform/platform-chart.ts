import { Chart } from "cdk8s";
import type { Construct } from "constructs";
import type { ResolvedPlatformConfig } from "../../src/config/platform-config.js";
import { onlyWhen } from "./conditions.js";
import { DefaultQuota } from "./default-quota.js";
import { Gateway } from "./gateway.js";
import { GatewayIngress } from "./gateway-ingress.js";
import { GatewayRbac } from "./gateway-rbac.js";
import { GatewayService } from "./gateway-service.js";
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

/** The platform itself: namespaces, the reconciler, the session gateway, their RBAC, network policies and the default quota. */
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
    const gateway = config.gateway;
    new GatewayRbac(this, "GatewayRbac", {
      platformNamespace: config.namespace,
      sessionNamespace: config.sessionNamespace,
    });
    new Gateway(this, "Gateway", {
      namespace: config.namespace,
      settings: gateway,
      image: config.reconciler.image,
      imagePullPolicy: config.reconciler.imagePullPolicy,
      logLevel: config.reconciler.logLevel,
      configChecksum: props.renderedConfig.checksum,
    });
    new GatewayService(this, "GatewayService", {
      namespace: config.namespace,
      port: gateway.port,
      metricsPort: gateway.metricsPort,
    });
    new GatewayIngress(this, "GatewayIngress", {
      namespace: config.namespace,
      sessionsHost: gateway.sessionsHost,
      className: config.ingress.className,
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
        gatewayPort: gateway.port,
      });
      onlyWhen(policies, "networkPolicies");
    }
  }
}
