import { ApiObject } from "cdk8s";
import { Construct } from "constructs";
import { GATEWAY_NAME, platformLabels } from "./labels.js";

export interface GatewayIngressProps {
  readonly namespace: string;
  /** The wildcard host of session origins, e.g. `*.sessions.example.com`. */
  readonly sessionsHost: string;
  readonly className: string;
}

/**
 * One wildcard Ingress for every session origin, to the gateway, which admits each Session's owner
 * only. Long timeouts for viewers' WebSockets; no body limit (uploads to web apps). No TLS section:
 * the wildcard certificate is the ingress controller's default one (ingress-nginx
 * `--default-ssl-certificate`), so the same objects serve HTTP and HTTPS installs alike.
 */
export class GatewayIngress extends Construct {
  constructor(scope: Construct, id: string, props: GatewayIngressProps) {
    super(scope, id);
    new ApiObject(this, "Resource", {
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: {
        name: GATEWAY_NAME,
        namespace: props.namespace,
        labels: platformLabels("gateway"),
        annotations: {
          "nginx.ingress.kubernetes.io/proxy-read-timeout": "3600",
          "nginx.ingress.kubernetes.io/proxy-send-timeout": "3600",
          "nginx.ingress.kubernetes.io/proxy-body-size": "0",
        },
      },
      spec: {
        ingressClassName: props.className,
        rules: [
          {
            host: props.sessionsHost,
            http: {
              paths: [
                {
                  path: "/",
                  pathType: "Prefix",
                  backend: { service: { name: GATEWAY_NAME, port: { name: "http" } } },
                },
              ],
            },
          },
        ],
      },
    });
  }
}
