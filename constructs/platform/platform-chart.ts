import { Chart } from "cdk8s";
import type { Construct } from "constructs";
import type { ResolvedPlatformConfig } from "../../src/config/platform-config.js";
import { ApiDeployment } from "./api-deployment.js";
import { ApiDisruptionBudget } from "./api-disruption-budget.js";
import { ApiNetworkPolicy } from "./api-network-policy.js";
import { ApiRbac } from "./api-rbac.js";
import { ApiService } from "./api-service.js";
import { onlyWhen } from "./conditions.js";
import { DefaultQuota } from "./default-quota.js";
import { Gateway } from "./gateway.js";
import { GatewayIngress } from "./gateway-ingress.js";
import { GatewayRbac } from "./gateway-rbac.js";
import { GatewayService } from "./gateway-service.js";
import { Monitoring } from "./monitoring.js";
import { Namespaces } from "./namespaces.js";
import { NetworkPolicies } from "./network-policies.js";
import { PlatformIngress } from "./platform-ingress.js";
import { ReconcilerRbac } from "./rbac.js";
import { Reconciler } from "./reconciler.js";
import { UserGroupsPolicy } from "./user-groups-policy.js";

export interface PlatformChartProps {
  readonly config: ResolvedPlatformConfig;
  /** The config as the reconciler reads it, and its checksum (see renderConfig). */
  readonly renderedConfig: { readonly json: string; readonly checksum: string };
}

/**
 * The platform itself: namespaces, the reconciler, the API and the session gateway with their RBAC, the
 * platform Ingress, network policies, the default quota and the API's admission policy.
 */
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
    const api = { namespace: config.namespace };
    new ApiRbac(this, "ApiRbac", {
      platformNamespace: config.namespace,
      sessionNamespace: config.sessionNamespace,
    });
    new ApiDeployment(this, "Api", {
      ...api,
      settings: config.api,
      image: config.reconciler.image,
      imagePullPolicy: config.reconciler.imagePullPolicy,
      configChecksum: props.renderedConfig.checksum,
      ticketKeysSecret: config.gateway.ticketKeysSecret,
    });
    new ApiService(this, "ApiService", api);
    new ApiDisruptionBudget(this, "ApiDisruption", api);
    new PlatformIngress(this, "Ingress", {
      ...api,
      host: config.api.host,
      className: config.ingress.className,
      scheme: config.api.scheme,
      tlsSecretName: config.api.tlsSecretName,
    });
    new UserGroupsPolicy(this, "UserGroupsPolicy", {
      sessionNamespace: config.sessionNamespace,
      platformNamespace: config.namespace,
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
      databaseUrlSecret: config.api.database.urlSecretName,
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
        monitoringNamespace: config.monitoring.scrapeNamespace,
        sessionEgressDeniedIPv4: config.security.sessionEgressDeniedIPv4,
        sessionEgressDeniedIPv6: config.security.sessionEgressDeniedIPv6,
        gatewayPort: gateway.port,
      });
      onlyWhen(policies, "networkPolicies");
      onlyWhen(
        new ApiNetworkPolicy(this, "ApiNetworkPolicy", { ...api, port: config.api.port }),
        "networkPolicies",
      );
    }
  }
}
