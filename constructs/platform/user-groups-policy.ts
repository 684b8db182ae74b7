import { ApiObject } from "cdk8s";
import { Construct } from "constructs";
import { USER_GROUPS_ANNOTATION } from "../../src/api/labels.js";
import { celString } from "../crds/validating-policy.js";
import { API_NAME, platformLabels } from "./labels.js";

export interface UserGroupsPolicyProps {
  readonly sessionNamespace: string;
  /** Namespace of the platform, where the API's ServiceAccount lives. */
  readonly platformNamespace: string;
}

/**
 * Only the API may say which groups a Session's owner is in (the annotation the quota check may
 * trust): anyone else may neither set it on a new Session nor change it on an existing one.
 */
export class UserGroupsPolicy extends Construct {
  constructor(scope: Construct, id: string, props: UserGroupsPolicyProps) {
    super(scope, id);
    const labels = platformLabels("admission");
    const name = "streamspace-session-user-groups";
    const groups = (o: string) =>
      `has(${o}.metadata.annotations) && '${USER_GROUPS_ANNOTATION}' in ${o}.metadata.annotations ? ${o}.metadata.annotations['${USER_GROUPS_ANNOTATION}'] : ''`;
    new ApiObject(this, "Policy", {
      apiVersion: "admissionregistration.k8s.io/v1",
      kind: "ValidatingAdmissionPolicy",
      metadata: { name, labels },
      spec: {
        failurePolicy: "Fail",
        matchConstraints: {
          resourceRules: [
            {
              apiGroups: ["stream.streamspace.io"],
              apiVersions: ["*"],
              operations: ["CREATE", "UPDATE"],
              resources: ["sessions"],
            },
          ],
        },
        variables: [
          // The API's ServiceAccount in the platform's namespace only: an account of the same name
          // elsewhere belongs to whoever administers that namespace.
          { name: "platformNamespace", expression: celString(props.platformNamespace) },
          {
            name: "fromApi",
            expression: `request.userInfo.username == 'system:serviceaccount:' + variables.platformNamespace + ':${API_NAME}'`,
          },
          { name: "groups", expression: groups("object") },
          { name: "oldGroups", expression: `request.operation == 'UPDATE' ? (${groups("oldObject")}) : ''` },
        ],
        validations: [
          {
            expression: "variables.fromApi || variables.groups == variables.oldGroups",
            message: `only the StreamSpace API may set the ${USER_GROUPS_ANNOTATION} annotation`,
            reason: "Forbidden",
          },
        ],
      },
    });
    new ApiObject(this, "Binding", {
      apiVersion: "admissionregistration.k8s.io/v1",
      kind: "ValidatingAdmissionPolicyBinding",
      metadata: { name, labels },
      spec: {
        policyName: name,
        validationActions: ["Deny"],
        matchResources: {
          namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": props.sessionNamespace } },
        },
      },
    });
  }
}
