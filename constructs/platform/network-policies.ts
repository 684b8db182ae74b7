import { ApiObject } from "cdk8s";
import { Construct } from "constructs";
import { platformLabels } from "./labels.js";

export interface NetworkPoliciesProps {
  readonly platformNamespace: string;
  readonly sessionNamespace: string;
  /** Namespace of the ingress controller: it reaches sessions (per-session Ingresses) and the gateway. */
  readonly ingressControllerNamespace: string;
  /** The gateway's container port, the only one of its ports the ingress controller may reach. */
  readonly gatewayPort: number;
}

/**
 * Sessions are isolated from each other and from everything but the ingress controller and the
 * gateway; the platform namespace accepts only metrics scrapes and, on the gateway's port, the ingress
 * controller. Egress stays open: apps browse the web.
 */
export class NetworkPolicies extends Construct {
  constructor(scope: Construct, id: string, props: NetworkPoliciesProps) {
    super(scope, id);
    const labels = platformLabels("network-policy");
    const policy = (key: string, name: string, namespace: string, spec: object) =>
      new ApiObject(this, key, {
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: { name, namespace, labels },
        spec,
      });
    policy("SessionsDefaultDeny", "default-deny-ingress", props.sessionNamespace, {
      podSelector: {},
      policyTypes: ["Ingress"],
    });
    policy("SessionsFromIngress", "sessions-from-ingress-controller", props.sessionNamespace, {
      podSelector: { matchLabels: { "app.kubernetes.io/component": "session" } },
      policyTypes: ["Ingress"],
      ingress: [
        {
          from: [
            {
              namespaceSelector: {
                matchLabels: { "kubernetes.io/metadata.name": props.ingressControllerNamespace },
              },
            },
          ],
        },
      ],
    });
    policy("SessionsFromGateway", "sessions-from-gateway", props.sessionNamespace, {
      podSelector: { matchLabels: { "app.kubernetes.io/component": "session" } },
      policyTypes: ["Ingress"],
      ingress: [
        {
          from: [
            {
              namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": props.platformNamespace } },
              podSelector: { matchLabels: { "app.kubernetes.io/component": "gateway" } },
            },
          ],
        },
      ],
    });
    policy("GatewayFromIngress", "gateway-from-ingress-controller", props.platformNamespace, {
      podSelector: { matchLabels: { "app.kubernetes.io/component": "gateway" } },
      policyTypes: ["Ingress"],
      ingress: [
        {
          from: [
            {
              namespaceSelector: {
                matchLabels: { "kubernetes.io/metadata.name": props.ingressControllerNamespace },
              },
            },
          ],
          ports: [{ port: props.gatewayPort, protocol: "TCP" }],
        },
        { ports: [{ port: "metrics", protocol: "TCP" }] },
      ],
    });
    policy("PlatformDefaultDeny", "default-deny-ingress", props.platformNamespace, {
      podSelector: {},
      policyTypes: ["Ingress"],
    });
    policy("PlatformMetrics", "reconciler-metrics", props.platformNamespace, {
      podSelector: { matchLabels: { "app.kubernetes.io/component": "reconciler" } },
      policyTypes: ["Ingress"],
      ingress: [{ ports: [{ port: "metrics", protocol: "TCP" }] }],
    });
  }
}
