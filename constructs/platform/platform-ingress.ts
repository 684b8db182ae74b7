import { ApiObject } from "cdk8s";
import { Construct } from "constructs";
import { onlyWhen } from "./conditions.js";
import { API_NAME, platformLabels } from "./labels.js";

export interface PlatformIngressProps {
  readonly namespace: string;
  /** The platform's host name; the Ingress exists only when it is set (`api.host`). */
  readonly host: string;
  /** @default the cluster's default IngressClass */
  readonly className: string;
}

/** One host for the UI and the API: everything under it goes to the API's Service. */
export class PlatformIngress extends Construct {
  constructor(scope: Construct, id: string, props: PlatformIngressProps) {
    super(scope, id);
    if (!props.host) return;
    onlyWhen(this, "api.host");
    new ApiObject(this, "Ingress", {
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: { name: API_NAME, namespace: props.namespace, labels: platformLabels("api") },
      spec: {
        ingressClassName: props.className,
        rules: [
          {
            host: props.host,
            http: {
              paths: [
                {
                  path: "/",
                  pathType: "Prefix",
                  backend: { service: { name: API_NAME, port: { name: "http" } } },
                },
              ],
            },
          },
        ],
      },
    });
  }
}
