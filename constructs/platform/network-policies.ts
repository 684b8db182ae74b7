import { ApiObject } from "cdk8s";
import { Construct } from "constructs";
import { platformLabels } from "./labels.js";

export interface NetworkPoliciesProps {
  readonly platformNamespace: string;
  readonly sessionNamespace: string;
  /** Namespace of the ingress controller: the only thing that may reach a session, and the git webhook. */
  readonly ingressControllerNamespace: string;
  /** Namespace of Prometheus, which scrapes the reconciler's metrics port. */
  readonly monitoringNamespace: string;
  /** Networks sessions may not reach, by family (cluster, link-local, metadata). */
  readonly sessionEgressDeniedIPv4: readonly string[];
  readonly sessionEgressDeniedIPv6: readonly string[];
  /** The gateway's container port, the only one of its ports the ingress controller may reach. */
  readonly gatewayPort: number;
}

const namespaceNamed = (name: string) => ({
  namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": name } },
});

/**
 * Sessions are isolated from each other and from everything but the ingress controller and the
 * session gateway, and may reach only DNS and the internet: not the API server, the reconciler, other
 * pods, nodes or the cloud's metadata service (a terminal in a session is a shell on the cluster's network). The
 * reconciler's port, which serves /metrics and /hooks/git, accepts only Prometheus and the ingress
 * controller (whose Ingress routes only /hooks/git there); the gateway's, only the ingress controller
 * (and Prometheus, on its metrics port).
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
      ingress: [{ from: [namespaceNamed(props.ingressControllerNamespace)] }],
    });
    policy("SessionsEgress", "sessions-egress-dns-and-internet", props.sessionNamespace, {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [
        {
          // The cluster DNS, wherever its Service IP is: policies see the pod behind it.
          to: [namespaceNamed("kube-system")],
          ports: [
            { port: 53, protocol: "UDP" },
            { port: 53, protocol: "TCP" },
          ],
        },
        {
          to: [
            { ipBlock: { cidr: "0.0.0.0/0", except: props.sessionEgressDeniedIPv4 } },
            { ipBlock: { cidr: "::/0", except: props.sessionEgressDeniedIPv6 } },
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
              ...namespaceNamed(props.platformNamespace),
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
          from: [namespaceNamed(props.ingressControllerNamespace)],
          ports: [{ port: props.gatewayPort, protocol: "TCP" }],
        },
        { from: [namespaceNamed(props.monitoringNamespace)], ports: [{ port: "metrics", protocol: "TCP" }] },
      ],
    });
    policy("PlatformDefaultDeny", "default-deny-ingress", props.platformNamespace, {
      podSelector: {},
      policyTypes: ["Ingress"],
    });
    policy("PlatformMetrics", "reconciler-metrics", props.platformNamespace, {
      podSelector: { matchLabels: { "app.kubernetes.io/component": "reconciler" } },
      policyTypes: ["Ingress"],
      ingress: [
        {
          from: [namespaceNamed(props.monitoringNamespace), namespaceNamed(props.ingressControllerNamespace)],
          ports: [{ port: "metrics", protocol: "TCP" }],
        },
      ],
    });
  }
}
