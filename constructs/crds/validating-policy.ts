import { ApiObject } from "cdk8s";
import { Construct } from "constructs";
import { API_GROUP } from "../../src/api/schemas/index.js";

/** One CEL check of a ValidatingAdmissionPolicy. */
export interface PolicyValidation {
  readonly expression: string;
  /** A CEL string expression: what the user reads when the check fails; it names the field. */
  readonly messageExpression: string;
  /** @default "Invalid" */
  readonly reason?: "Invalid" | "Forbidden";
}

/**
 * A config value as a CEL string literal. Each is a whole YAML scalar, so that the chart generator
 * can template it (the config schema keeps quotes and backslashes out of such values).
 */
export function celString(value: string): string {
  return `'${value}'`;
}

export interface ValidatingPolicyProps {
  /** Name of the policy and of its binding. */
  readonly name: string;
  /** Plural resource names of the StreamSpace API group it checks, e.g. `["sessions"]`. */
  readonly resources: readonly string[];
  /** @default ["CREATE", "UPDATE"] */
  readonly operations?: readonly ("CREATE" | "UPDATE" | "DELETE")[];
  /** Named CEL expressions the validations use as `variables.<name>`, config values among them (celString). @default none */
  readonly variables?: Readonly<Record<string, string>>;
  readonly validations: readonly PolicyValidation[];
}

/**
 * A ValidatingAdmissionPolicy and its binding, enforced by the API server itself (no webhook to
 * run or to be down). Each rule of the platform is one instance of this construct in a file of its
 * own. The config it needs is written into its variables, not read from a parameter object: the
 * API server's cache of parameters can miss one created with the policy (kubernetes#133827), and
 * a policy without its parameters would deny everything.
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
        // Written out with the API server's defaults: matchConstraints is applied as a whole, so a
        // second field manager applying the same object would otherwise conflict with the defaulted one.
        matchConstraints: {
          matchPolicy: "Equivalent",
          namespaceSelector: {},
          objectSelector: {},
          resourceRules: [
            {
              apiGroups: [API_GROUP],
              apiVersions: ["*"],
              operations: [...(props.operations ?? ["CREATE", "UPDATE"])],
              resources: [...props.resources],
              scope: "*",
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
      },
    });
  }
}
