import { ApiObject } from "cdk8s";
import { Construct } from "constructs";
import { API_SELECTOR } from "./api-deployment.js";
import { API_NAME, platformLabels } from "./labels.js";

export interface ApiNetworkPolicyProps {
  readonly namespace: string;
  /** The API's container port. */
  readonly port: number;
}

/**
 * The platform namespace denies ingress by default; the API is the platform's front door (it checks
 * every caller itself), so its port is open to the ingress controller, Prometheus and in-cluster clients.
 */
export class ApiNetworkPolicy extends Construct {
  constructor(scope: Construct, id: string, props: ApiNetworkPolicyProps) {
    super(scope, id);
    new ApiObject(this, "NetworkPolicy", {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: API_NAME, namespace: props.namespace, labels: platformLabels("network-policy") },
      spec: {
        podSelector: { matchLabels: API_SELECTOR },
        policyTypes: ["Ingress"],
        ingress: [{ ports: [{ port: props.port, protocol: "TCP" }] }],
      },
    });
  }
}
