import { ApiObject } from "cdk8s";
import { Construct } from "constructs";
import { API_SELECTOR } from "./api-deployment.js";
import { API_NAME, platformLabels } from "./labels.js";

export interface ApiServiceProps {
  readonly namespace: string;
}

/** The API (and later the UI it serves) inside the cluster, on port 80. */
export class ApiService extends Construct {
  constructor(scope: Construct, id: string, props: ApiServiceProps) {
    super(scope, id);
    new ApiObject(this, "Service", {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: API_NAME, namespace: props.namespace, labels: platformLabels("api") },
      spec: {
        selector: API_SELECTOR,
        ports: [{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }],
      },
    });
  }
}
