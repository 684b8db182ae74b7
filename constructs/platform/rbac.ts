import { ApiObject } from "cdk8s";
import { Construct } from "constructs";
import { platformLabels, RECONCILER_NAME } from "./labels.js";

export interface ReconcilerRbacProps {
  readonly platformNamespace: string;
  readonly sessionNamespace: string;
}

const VERBS_READ = ["get", "list", "watch"];
const VERBS_OWN = ["get", "list", "watch", "create", "update", "patch", "delete"];

/**
 * Least privilege: no ClusterRole. The reconciler may manage sessions' objects in the session
 * namespace only, and Leases (leader election) in its own namespace only.
 */
export class ReconcilerRbac extends Construct {
  constructor(scope: Construct, id: string, props: ReconcilerRbacProps) {
    super(scope, id);
    const labels = platformLabels("reconciler");
    const subject = { kind: "ServiceAccount", name: RECONCILER_NAME, namespace: props.platformNamespace };
    new ApiObject(this, "ServiceAccount", {
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { name: RECONCILER_NAME, namespace: props.platformNamespace, labels },
      automountServiceAccountToken: true,
    });
    const role = (key: string, name: string, namespace: string, rules: object[]) => {
      new ApiObject(this, `${key}Role`, {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "Role",
        metadata: { name, namespace, labels },
        rules,
      });
      new ApiObject(this, `${key}Binding`, {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "RoleBinding",
        metadata: { name, namespace, labels },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name },
        subjects: [subject],
      });
    };
    role("Sessions", RECONCILER_NAME, props.sessionNamespace, [
      {
        apiGroups: ["stream.streamspace.io"],
        resources: ["sessions", "templates", "templaterepositories", "quotas"],
        verbs: VERBS_READ,
      },
      {
        apiGroups: ["stream.streamspace.io"],
        resources: ["sessions/status", "templates/status", "templaterepositories/status", "quotas/status"],
        verbs: ["get", "update", "patch"],
      },
      // Session objects name their Session as owner with blockOwnerDeletion, which an API server with
      // OwnerReferencesPermissionEnforcement allows only to who may update the owner's finalizers.
      { apiGroups: ["stream.streamspace.io"], resources: ["sessions/finalizers"], verbs: ["update"] },
      // A webhook call asks for a sync by annotating the repository (any replica may receive it).
      { apiGroups: ["stream.streamspace.io"], resources: ["templaterepositories"], verbs: ["patch"] },
      // Templates come from git: the repository sync creates, updates and prunes them.
      {
        apiGroups: ["stream.streamspace.io"],
        resources: ["templates"],
        verbs: ["create", "update", "patch", "delete"],
      },
      { apiGroups: ["apps"], resources: ["deployments"], verbs: VERBS_OWN },
      { apiGroups: [""], resources: ["services"], verbs: VERBS_OWN },
      // Homes outlive Sessions: the reconciler creates them and never deletes one.
      {
        apiGroups: [""],
        resources: ["persistentvolumeclaims"],
        verbs: VERBS_OWN.filter((verb) => verb !== "delete"),
      },
      { apiGroups: ["networking.k8s.io"], resources: ["ingresses"], verbs: VERBS_OWN },
      // Pods only to read why a session does not start (image pull, crash loop, unschedulable).
      { apiGroups: [""], resources: ["pods"], verbs: VERBS_READ },
      // Git credentials and webhook tokens of TemplateRepositories, read by name when needed.
      { apiGroups: [""], resources: ["secrets"], verbs: ["get"] },
      { apiGroups: ["", "events.k8s.io"], resources: ["events"], verbs: ["create", "patch"] },
    ]);
    role("Leader", `${RECONCILER_NAME}-leader-election`, props.platformNamespace, [
      {
        apiGroups: ["coordination.k8s.io"],
        resources: ["leases"],
        verbs: ["get", "list", "watch", "create", "update", "patch"],
      },
      { apiGroups: ["", "events.k8s.io"], resources: ["events"], verbs: ["create", "patch"] },
    ]);
  }
}
