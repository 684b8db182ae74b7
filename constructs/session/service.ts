import type { V1Service } from "@kubernetes/client-node";
import { ApiObject } from "cdk8s";
import { Construct } from "constructs";
import { sessionSelector } from "./labels.js";

export interface SessionServiceProps {
  readonly sessionName: string;
  readonly metadata: NonNullable<V1Service["metadata"]>;
}

/** A ClusterIP Service in front of the session's pod; its one port, `app`, is what the Ingress routes to. */
export class SessionService extends Construct {
  constructor(scope: Construct, id: string, props: SessionServiceProps) {
    super(scope, id);
    const service: V1Service = {
      apiVersion: "v1",
      kind: "Service",
      metadata: props.metadata,
      spec: {
        type: "ClusterIP",
        selector: sessionSelector(props.sessionName),
        ports: [{ name: "app", port: 80, targetPort: "app", protocol: "TCP" }],
      },
    };
    new ApiObject(this, "Resource", service as never);
  }
}
