import type { Construct } from "constructs";
import { ValidatingPolicy } from "./validating-policy.js";

export interface SessionOwnerPolicyProps {
  /** Namespace of the platform; the ConfigMap of admission parameters lives there. */
  readonly platformNamespace: string;
  /** Name of that ConfigMap (see AdmissionParams). */
  readonly paramsConfigMap: string;
}

/**
 * A Session is its user's: `spec.user` mounts that user's home and counts against their quota. So
 * one may create or change a Session only for oneself, unless one is a platform component (any
 * service account of the platform namespace: whoever may run pods there may use the reconciler's
 * account anyway), a member of the admin group or a cluster admin; and `spec.user` never changes.
 */
export class SessionOwnerPolicy extends ValidatingPolicy {
  constructor(scope: Construct, id: string, props: SessionOwnerPolicyProps) {
    super(scope, id, {
      name: "streamspace-session-owner",
      resources: ["sessions"],
      params: { configMap: props.paramsConfigMap, namespace: props.platformNamespace },
      variables: {
        platform:
          "has(request.userInfo.groups) && ('system:serviceaccounts:' + params.data.platformNamespace) in request.userInfo.groups",
        // Cluster admins (system:masters) pass RBAC and could remove the policy anyway.
        admin:
          "has(request.userInfo.groups) && (params.data.adminGroup in request.userInfo.groups || 'system:masters' in request.userInfo.groups)",
      },
      validations: [
        {
          expression: "request.operation != 'UPDATE' || object.spec.user == oldObject.spec.user",
          messageExpression:
            "'spec.user is immutable (it was ' + oldObject.spec.user + '): to give a session to another user, delete it and create a new one'",
        },
        {
          expression:
            "variables.platform || variables.admin || object.spec.user == request.userInfo.username",
          messageExpression:
            "'spec.user must be your own user name (' + request.userInfo.username + '); only members of group ' + params.data.adminGroup + ' may act for ' + object.spec.user",
          reason: "Forbidden",
        },
      ],
    });
  }
}
