import type { V1Deployment } from "@kubernetes/client-node";
import { ApiObject } from "cdk8s";
import { Construct } from "constructs";
import type { ResolvedPlatformConfig } from "../../src/config/platform-config.js";
import { CONFIG_FILE, CONFIG_MAP_NAME, GATEWAY_NAME, platformLabels } from "./labels.js";
import { containerResources, RESTRICTED_CONTAINER, RESTRICTED_POD, spreadOverNodes } from "./pod-security.js";

export interface GatewayProps {
  readonly namespace: string;
  readonly settings: ResolvedPlatformConfig["gateway"];
  /** The platform's image and pull policy (one image, several commands). */
  readonly image: string;
  readonly imagePullPolicy: string;
  readonly logLevel: string;
  /** The platform config's checksum: a config change rolls the pods. */
  readonly configChecksum: string;
  /** The Secret of the API's external database URL (`api.database.urlSecretName`), if it exists. */
  readonly databaseUrlSecret: string;
}

export const GATEWAY_SELECTOR = {
  "app.kubernetes.io/name": "streamspace",
  "app.kubernetes.io/component": "gateway",
};

/**
 * The session gateway: stateless replicas (each counts its own viewers and publishes them on the
 * Session), the ticket signing keys from a Secret the admin creates, Pod Security "restricted".
 */
export class Gateway extends Construct {
  constructor(scope: Construct, id: string, props: GatewayProps) {
    super(scope, id);
    const { namespace, settings } = props;
    const labels = platformLabels("gateway");
    const deployment: V1Deployment = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: GATEWAY_NAME, namespace, labels },
      spec: {
        replicas: settings.replicas,
        revisionHistoryLimit: 3,
        selector: { matchLabels: GATEWAY_SELECTOR },
        template: {
          metadata: { labels, annotations: { "streamspace.io/config-checksum": props.configChecksum } },
          spec: {
            serviceAccountName: GATEWAY_NAME,
            securityContext: RESTRICTED_POD,
            // Viewers reconnect to another replica; give them time to finish a frame, not a session.
            terminationGracePeriodSeconds: 15,
            affinity: spreadOverNodes(GATEWAY_SELECTOR),
            containers: [
              {
                name: "gateway",
                image: props.image,
                imagePullPolicy: props.imagePullPolicy,
                args: ["gateway", "--config", `/etc/streamspace/${CONFIG_FILE}`],
                env: [
                  { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
                  { name: "LOG_LEVEL", value: props.logLevel },
                  {
                    name: "STREAMSPACE_TICKET_KEYS",
                    valueFrom: { secretKeyRef: { name: settings.ticketKeysSecret, key: "keys" } },
                  },
                  // The API's PostgreSQL when it has one: replicas sum viewer counts and spend tickets
                  // there. Optional: with the embedded database there is no Secret, and the gateway
                  // keeps counts in annotations (docs/decisions/0130).
                  {
                    name: "STREAMSPACE_DATABASE_URL",
                    valueFrom: {
                      secretKeyRef: { name: props.databaseUrlSecret, key: "url", optional: true },
                    },
                  },
                ],
                ports: [
                  { name: "http", containerPort: settings.port, protocol: "TCP" },
                  { name: "metrics", containerPort: settings.metricsPort, protocol: "TCP" },
                ],
                livenessProbe: { httpGet: { path: "/healthz", port: "metrics" }, periodSeconds: 10 },
                readinessProbe: { httpGet: { path: "/readyz", port: "metrics" }, periodSeconds: 5 },
                resources: containerResources(settings.resources),
                securityContext: RESTRICTED_CONTAINER,
                volumeMounts: [{ name: "config", mountPath: "/etc/streamspace", readOnly: true }],
              },
            ],
            volumes: [{ name: "config", configMap: { name: CONFIG_MAP_NAME } }],
          },
        },
      },
    };
    new ApiObject(this, "Deployment", deployment as never);
    new ApiObject(this, "Disruption", {
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      metadata: { name: GATEWAY_NAME, namespace, labels },
      spec: { maxUnavailable: 1, selector: { matchLabels: GATEWAY_SELECTOR } },
    });
  }
}
