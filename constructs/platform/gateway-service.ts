import { ApiObject } from "cdk8s";
import { Construct } from "constructs";
import { GATEWAY_SELECTOR } from "./gateway.js";
import { GATEWAY_NAME, platformLabels } from "./labels.js";

export interface GatewayServiceProps {
  readonly namespace: string;
  /** The gateway container's port. */
  readonly port: number;
  readonly metricsPort: number;
}

/** The gateway's Service: `http` for the wildcard Ingress, `metrics` for Prometheus. */
export class GatewayService extends Construct {
  constructor(scope: Construct, id: string, props: GatewayServiceProps) {
    super(scope, id);
    new ApiObject(this, "Resource", {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: GATEWAY_NAME, namespace: props.namespace, labels: platformLabels("gateway") },
      spec: {
        type: "ClusterIP",
        selector: GATEWAY_SELECTOR,
        ports: [
          { name: "http", port: 80, targetPort: "http", protocol: "TCP" },
          { name: "metrics", port: props.metricsPort, targetPort: "metrics", protocol: "TCP" },
        ],
      },
    });
  }
}
