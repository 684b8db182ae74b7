import { ApiObject } from "cdk8s";
import { Construct } from "constructs";
import { GATEWAY_NAME, platformLabels } from "./labels.js";

export interface GatewayRbacProps {
  readonly platformNamespace: string;
  readonly sessionNamespace: string;
}

/**
 * Least privilege: the gateway reads Sessions, Templates and EndpointSlices of the session namespace,
 * patches Sessions (activity and connection annotations, which is also how it wakes them) and their
 * status (the viewer counts summed in the database). It cannot read Secrets, Pods or anything elsewhere.
 */
export class GatewayRbac extends Construct {
  constructor(scope: Construct, id: string, props: GatewayRbacProps) {
    super(scope, id);
    const labels = platformLabels("gateway");
    new ApiObject(this, "ServiceAccount", {
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { name: GATEWAY_NAME, namespace: props.platformNamespace, labels },
      automountServiceAccountToken: true,
    });
    const metadata = { name: GATEWAY_NAME, namespace: props.sessionNamespace, labels };
    new ApiObject(this, "Role", {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata,
      rules: [
        {
          apiGroups: ["stream.streamspace.io"],
          resources: ["sessions", "templates"],
          verbs: ["get", "list", "watch"],
        },
        {
          apiGroups: ["stream.streamspace.io"],
          resources: ["sessions", "sessions/status"],
          verbs: ["patch"],
        },
        { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: ["get", "list", "watch"] },
      ],
    });
    new ApiObject(this, "Binding", {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata,
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: GATEWAY_NAME },
      subjects: [{ kind: "ServiceAccount", name: GATEWAY_NAME, namespace: props.platformNamespace }],
    });
  }
}
