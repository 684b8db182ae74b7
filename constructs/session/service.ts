import type { V1Service } from "@kubernetes/client-node";
import { ApiObject } from "cdk8s";
import { Construct } from "constructs";
import { sessionSelector } from "./labels.js";

export interface SessionServiceProps {
  readonly sessionName: string;
  readonly metadata: NonNullable<V1Service["metadata"]>;
}

/**
 * A headless Service in front of the session's pod; its one port, `app`, is what the Ingress routes to.
 * Headless (docs/decisions/0153): the gateway and ingress controllers dial its endpoints, never a
 * ClusterIP, and allocating one made a Service 30× slower to create in a burst of Sessions.
 */
export class SessionService extends Construct {
  constructor(scope: Construct, id: string, props: SessionServiceProps) {
    super(scope, id);
    const service: V1Service = {
      apiVersion: "v1",
      kind: "Service",
      metadata: props.metadata,
      spec: {
        type: "ClusterIP",
        clusterIP: "None",
        selector: sessionSelector(props.sessionName),
        ports: [{ name: "app", port: 80, targetPort: "app", protocol: "TCP" }],
      },
    };
    new ApiObject(this, "Resource", service as never);
  }
}
