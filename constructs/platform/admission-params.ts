import { ApiObject } from "cdk8s";
import { Construct } from "constructs";
import { platformLabels } from "./labels.js";

export const ADMISSION_PARAMS_NAME = "streamspace-admission";

export interface AdmissionParamsProps {
  readonly namespace: string;
  /** Members may act for any user (security.adminGroup). */
  readonly adminGroup: string;
}

/**
 * The parameters of the platform's ValidatingAdmissionPolicies (constructs/crds), as the API
 * server reads them: the policies are the same for every installation, the config is here.
 */
export class AdmissionParams extends Construct {
  constructor(scope: Construct, id: string, props: AdmissionParamsProps) {
    super(scope, id);
    new ApiObject(this, "Resource", {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: {
        name: ADMISSION_PARAMS_NAME,
        namespace: props.namespace,
        labels: platformLabels("admission"),
      },
      data: { platformNamespace: props.namespace, adminGroup: props.adminGroup },
    });
  }
}
