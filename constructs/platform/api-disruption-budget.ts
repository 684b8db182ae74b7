import { ApiObject } from "cdk8s";
import { Construct } from "constructs";
import { API_SELECTOR } from "./api-deployment.js";
import { API_NAME, platformLabels } from "./labels.js";

export interface ApiDisruptionBudgetProps {
  readonly namespace: string;
}

/** maxUnavailable rather than minAvailable, so that the single embedded-database replica never blocks a drain. */
export class ApiDisruptionBudget extends Construct {
  constructor(scope: Construct, id: string, props: ApiDisruptionBudgetProps) {
    super(scope, id);
    new ApiObject(this, "PodDisruptionBudget", {
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      metadata: { name: API_NAME, namespace: props.namespace, labels: platformLabels("api") },
      spec: { maxUnavailable: 1, selector: { matchLabels: API_SELECTOR } },
    });
  }
}
