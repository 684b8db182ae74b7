import { ApiObject } from "cdk8s";
import { Construct } from "constructs";
import { API_NAME, platformLabels } from "./labels.js";

export interface ApiRbacProps {
  readonly platformNamespace: string;
  readonly sessionNamespace: string;
}

/**
 * Least privilege for `streamspace api`: in the session namespace, Sessions on users' behalf, Templates
 * to read, TemplateRepositories and Quotas for admins' actions, Events to show a Session's history,
 * Session status for the viewer counts of a gateway it serves itself, and a list of pods for what
 * sessions request of each node; cluster-wide, only a list of Nodes for the admins' overview
 * (docs/decisions/0140). No Secrets, no pod contents (exec, logs), no watches beyond our kinds.
 */
export class ApiRbac extends Construct {
  constructor(scope: Construct, id: string, props: ApiRbacProps) {
    super(scope, id);
    const labels = platformLabels("api");
    new ApiObject(this, "ServiceAccount", {
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { name: API_NAME, namespace: props.platformNamespace, labels },
      automountServiceAccountToken: true,
    });
    new ApiObject(this, "Role", {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: { name: API_NAME, namespace: props.sessionNamespace, labels },
      rules: [
        {
          apiGroups: ["stream.streamspace.io"],
          resources: ["sessions"],
          verbs: ["get", "list", "watch", "create", "patch", "delete"],
        },
        { apiGroups: ["stream.streamspace.io"], resources: ["sessions/status"], verbs: ["patch"] },
        { apiGroups: ["stream.streamspace.io"], resources: ["templates"], verbs: ["get", "list", "watch"] },
        {
          apiGroups: ["stream.streamspace.io"],
          resources: ["templaterepositories", "quotas"],
          verbs: ["get", "list", "watch", "create", "update", "patch", "delete"],
        },
        { apiGroups: ["events.k8s.io"], resources: ["events"], verbs: ["list"] },
        { apiGroups: [""], resources: ["pods"], verbs: ["list"] },
      ],
    });
    new ApiObject(this, "RoleBinding", {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: API_NAME, namespace: props.sessionNamespace, labels },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: API_NAME },
      subjects: [{ kind: "ServiceAccount", name: API_NAME, namespace: props.platformNamespace }],
    });
    // Nodes are cluster-scoped: only a ClusterRole can let the API list them.
    const nodeReader = `${API_NAME}-nodes`;
    new ApiObject(this, "NodeReader", {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: { name: nodeReader, labels },
      rules: [{ apiGroups: [""], resources: ["nodes"], verbs: ["list"] }],
    });
    new ApiObject(this, "NodeReaderBinding", {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: nodeReader, labels },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: nodeReader },
      subjects: [{ kind: "ServiceAccount", name: API_NAME, namespace: props.platformNamespace }],
    });
  }
}
