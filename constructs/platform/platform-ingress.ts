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
  /** `https` adds a TLS section for the host (`api.scheme`). @default "http" */
  readonly scheme: string;
  /** The certificate's Secret with `https`; empty: the ingress controller's default one. @default "" */
  readonly tlsSecretName: string;
}

type Scheme = "http" | "https";

/** The variants to emit: the configured one, or (the chart's marker config) both. */
function schemes(scheme: string): Scheme[] {
  return scheme === "http" || scheme === "https" ? [scheme] : ["http", "https"];
}

/**
 * One host for the UI and the API: everything under it goes to the API's Service. With `https`, TLS
 * for that host ends at the ingress controller (docs/decisions/0112).
 */
export class PlatformIngress extends Construct {
  constructor(scope: Construct, id: string, props: PlatformIngressProps) {
    super(scope, id);
    if (!props.host) return;
    onlyWhen(this, "api.host");
    for (const scheme of schemes(props.scheme)) {
      const variant = new Construct(this, scheme === "https" ? "Https" : "Http");
      onlyWhen(variant, `api.scheme=${scheme}`);
      const tls = {
        hosts: [props.host],
        ...(props.tlsSecretName ? { secretName: props.tlsSecretName } : {}),
      };
      new ApiObject(variant, "Ingress", {
        apiVersion: "networking.k8s.io/v1",
        kind: "Ingress",
        metadata: { name: API_NAME, namespace: props.namespace, labels: platformLabels("api") },
        spec: {
          ingressClassName: props.className,
          ...(scheme === "https" ? { tls: [tls] } : {}),
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
}
