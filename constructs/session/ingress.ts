import type { V1Ingress } from "@kubernetes/client-node";
import { ApiObject } from "cdk8s";
import { Construct } from "constructs";
import type { AppEndpoint } from "../../src/api/app-endpoint.js";
import type { IngressSettings } from "./settings.js";

export interface SessionIngressProps {
  readonly objectName: string;
  readonly namespace: string;
  readonly sessionName: string;
  readonly endpoint: AppEndpoint;
  readonly settings: IngressSettings;
  readonly metadata: NonNullable<V1Ingress["metadata"]>;
}

/** Where a session is reached: its own host, or a path under the platform's domain. */
export function sessionRoute(objectName: string, settings: IngressSettings): { host: string; path: string } {
  return settings.routing === "host"
    ? { host: `${objectName}.${settings.domain}`, path: "/" }
    : { host: settings.domain, path: `/s/${objectName}/` };
}

/** The URL a user opens, as the Session's status reports it: the route, then the app's own landing path. */
export function sessionUrl(objectName: string, settings: IngressSettings, appPath = "/"): string {
  const { host, path } = sessionRoute(objectName, settings);
  return `${settings.tlsSecretName ? "https" : "http"}://${host}${path}${appPath.replace(/^\//, "")}`;
}

/**
 * Annotations for ingress-nginx: long-lived WebSocket streams, TLS to apps that only speak it, and
 * forward authentication, so that the auth service can admit the session's owner and no one else.
 */
function annotations(props: SessionIngressProps): Record<string, string> {
  const { settings, endpoint } = props;
  const out: Record<string, string> = {
    "nginx.ingress.kubernetes.io/proxy-read-timeout": "3600",
    "nginx.ingress.kubernetes.io/proxy-send-timeout": "3600",
    "nginx.ingress.kubernetes.io/proxy-body-size": "0",
  };
  if (endpoint.scheme === "HTTPS") out["nginx.ingress.kubernetes.io/backend-protocol"] = "HTTPS";
  if (settings.routing === "path") out["nginx.ingress.kubernetes.io/rewrite-target"] = "/$2";
  if (settings.authUrl) {
    const session = encodeURIComponent(`${props.namespace}/${props.sessionName}`);
    const separator = settings.authUrl.includes("?") ? "&" : "?";
    out["nginx.ingress.kubernetes.io/auth-url"] = `${settings.authUrl}${separator}session=${session}`;
    out["nginx.ingress.kubernetes.io/auth-response-headers"] = "X-Auth-Request-User,X-Auth-Request-Email";
    if (settings.authSignin) out["nginx.ingress.kubernetes.io/auth-signin"] = settings.authSignin;
  }
  return out;
}

export class SessionIngress extends Construct {
  constructor(scope: Construct, id: string, props: SessionIngressProps) {
    super(scope, id);
    const { host, path } = sessionRoute(props.objectName, props.settings);
    const byPath = props.settings.routing === "path";
    const ingress: V1Ingress = {
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: {
        ...props.metadata,
        annotations: { ...props.metadata.annotations, ...annotations(props) },
      },
      spec: {
        ingressClassName: props.settings.className,
        ...(props.settings.tlsSecretName
          ? { tls: [{ hosts: [host], secretName: props.settings.tlsSecretName }] }
          : {}),
        rules: [
          {
            host,
            http: {
              paths: [
                {
                  path: byPath ? `${path.slice(0, -1)}(/|$)(.*)` : path,
                  pathType: byPath ? "ImplementationSpecific" : "Prefix",
                  backend: { service: { name: props.objectName, port: { name: "app" } } },
                },
              ],
            },
          },
        ],
      },
    };
    new ApiObject(this, "Resource", ingress as never);
  }
}
