import type { Construct } from "constructs";
import { celString, ValidatingPolicy } from "./validating-policy.js";

export interface SessionOwnerPolicyProps {
  /** Namespace of the platform: its service accounts may act for any user. */
  readonly platformNamespace: string;
  /** Members of this group may act for any user (security.adminGroup). */
  readonly adminGroup: string;
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
      variables: {
        platformNamespace: celString(props.platformNamespace),
        adminGroup: celString(props.adminGroup),
        groups: "has(request.userInfo.groups) ? request.userInfo.groups : []",
        // Cluster admins (system:masters) pass RBAC and could remove the policy anyway.
        privileged:
          "('system:serviceaccounts:' + variables.platformNamespace) in variables.groups || variables.adminGroup in variables.groups || 'system:masters' in variables.groups",
      },
      validations: [
        {
          expression: "request.operation != 'UPDATE' || object.spec.user == oldObject.spec.user",
          messageExpression:
            "'spec.user is immutable (it was ' + oldObject.spec.user + '): to give a session to another user, delete it and create a new one'",
        },
        {
          expression: "variables.privileged || object.spec.user == request.userInfo.username",
          messageExpression:
            "'spec.user must be your own user name (' + request.userInfo.username + '); only members of group ' + variables.adminGroup + ' may act for ' + object.spec.user",
          reason: "Forbidden",
        },
      ],
    });
  }
}
