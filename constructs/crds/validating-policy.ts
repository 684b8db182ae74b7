import { ApiObject } from "cdk8s";
import { Construct } from "constructs";
import { API_GROUP } from "../../src/schemas/index.js";

/** One CEL check of a ValidatingAdmissionPolicy. */
export interface PolicyValidation {
  readonly expression: string;
  /** A CEL string expression: what the user reads when the check fails; it names the field. */
  readonly messageExpression: string;
  /** @default "Invalid" */
  readonly reason?: "Invalid" | "Forbidden";
}

/** Where a policy reads its parameters: a ConfigMap written by the platform chart from the config. */
export interface PolicyParams {
  readonly configMap: string;
  readonly namespace: string;
}

export interface ValidatingPolicyProps {
  /** Name of the policy and of its binding. */
  readonly name: string;
  /** Plural resource names of the StreamSpace API group it checks, e.g. `["sessions"]`. */
  readonly resources: readonly string[];
  /** @default ["CREATE", "UPDATE"] */
  readonly operations?: readonly ("CREATE" | "UPDATE" | "DELETE")[];
  /** Named CEL expressions the validations use as `variables.<name>`. @default none */
  readonly variables?: Readonly<Record<string, string>>;
  readonly validations: readonly PolicyValidation[];
  readonly params: PolicyParams;
}

/**
 * A ValidatingAdmissionPolicy and its binding, enforced by the API server itself (no webhook to
 * run or to be down). Each rule of the platform is one instance of this construct in a file of its
 * own. Without its parameters the policy denies (parameterNotFoundAction: Deny): until the platform
 * is installed, nothing it guards can be created unchecked.
 */
export class ValidatingPolicy extends Construct {
  constructor(scope: Construct, id: string, props: ValidatingPolicyProps) {
    super(scope, id);
    const labels = { "app.kubernetes.io/part-of": "streamspace" };
    new ApiObject(this, "Policy", {
      apiVersion: "admissionregistration.k8s.io/v1",
      kind: "ValidatingAdmissionPolicy",
      metadata: { name: props.name, labels },
      spec: {
        failurePolicy: "Fail",
        paramKind: { apiVersion: "v1", kind: "ConfigMap" },
        matchConstraints: {
          resourceRules: [
            {
              apiGroups: [API_GROUP],
              apiVersions: ["*"],
              operations: [...(props.operations ?? ["CREATE", "UPDATE"])],
              resources: [...props.resources],
            },
          ],
        },
        variables: Object.entries(props.variables ?? {}).map(([name, expression]) => ({ name, expression })),
        validations: props.validations.map((v) => ({
          expression: v.expression,
          messageExpression: v.messageExpression,
          reason: v.reason ?? "Invalid",
        })),
      },
    });
    new ApiObject(this, "Binding", {
      apiVersion: "admissionregistration.k8s.io/v1",
      kind: "ValidatingAdmissionPolicyBinding",
      metadata: { name: props.name, labels },
      spec: {
        policyName: props.name,
        validationActions: ["Deny"],
        paramRef: {
          name: props.params.configMap,
          namespace: props.params.namespace,
          parameterNotFoundAction: "Deny",
        },
      },
    });
  }
}
