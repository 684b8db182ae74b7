import type { V1Deployment, V1EnvVar } from "@kubernetes/client-node";
import { ApiObject } from "cdk8s";
import { Construct } from "constructs";
import type { ResolvedPlatformConfig } from "../../src/config/platform-config.js";
import { onlyWhen } from "./conditions.js";
import { API_NAME, CONFIG_FILE, CONFIG_MAP_NAME, platformLabels } from "./labels.js";
import { containerResources, RESTRICTED_CONTAINER, RESTRICTED_POD } from "./pod-security.js";

export type DatabaseMode = "embedded" | "external";

export interface ApiDeploymentProps {
  readonly namespace: string;
  readonly settings: ResolvedPlatformConfig["api"];
  /** The platform's image (the reconciler's: one package, several commands). */
  readonly image: string;
  readonly imagePullPolicy: string;
  /** The config's checksum, so a config change rolls the pods. */
  readonly configChecksum: string;
  /** The Secret of the ticket signing keys the gateway verifies with (`gateway.ticketKeysSecret`). */
  readonly ticketKeysSecret: string;
}

export const API_SELECTOR = { "app.kubernetes.io/name": "streamspace", "app.kubernetes.io/component": "api" };
const DATA_DIR = "/var/lib/streamspace";

/** The modes to emit: the configured one, or both (each under its condition) when making the chart. */
function modes(mode: string): DatabaseMode[] {
  return mode === "embedded" || mode === "external" ? [mode] : ["embedded", "external"];
}

function secretEnv(name: string, secret: string, key: string, optional: boolean): V1EnvVar {
  return { name, valueFrom: { secretKeyRef: { name: secret, key, optional } } };
}

/**
 * `streamspace api` (without the gateway, which has its own Deployment; the ticket keys from its Secret,
 * to sign `connect` tickets with). Embedded database: one replica (Recreate) with PGlite's data on a
 * PersistentVolumeClaim. External database: `replicas` pods, the PostgreSQL URL from a Secret. Secrets
 * are referenced, never written here. Pod Security "restricted".
 */
export class ApiDeployment extends Construct {
  constructor(scope: Construct, id: string, props: ApiDeploymentProps) {
    super(scope, id);
    const { namespace, settings } = props;
    const labels = platformLabels("api");
    for (const mode of modes(settings.database.mode)) {
      const embedded = mode === "embedded";
      const variant = new Construct(this, embedded ? "Embedded" : "External");
      onlyWhen(variant, `api.database.mode=${mode}`);
      if (embedded)
        new ApiObject(variant, "Data", {
          apiVersion: "v1",
          kind: "PersistentVolumeClaim",
          metadata: { name: `${API_NAME}-data`, namespace, labels },
          spec: {
            accessModes: ["ReadWriteOnce"],
            resources: { requests: { storage: settings.database.storage } },
          },
        });
      const deployment: V1Deployment = {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: API_NAME, namespace, labels },
        spec: {
          replicas: embedded ? 1 : settings.replicas,
          // The embedded database's volume can be mounted by one pod at a time.
          strategy: embedded
            ? { type: "Recreate" }
            : { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
          revisionHistoryLimit: 3,
          selector: { matchLabels: API_SELECTOR },
          template: {
            metadata: { labels, annotations: { "streamspace.io/config-checksum": props.configChecksum } },
            spec: {
              serviceAccountName: API_NAME,
              securityContext: { ...RESTRICTED_POD, fsGroup: 65532 },
              containers: [
                {
                  name: "api",
                  image: props.image,
                  imagePullPolicy: props.imagePullPolicy,
                  args: [
                    "api",
                    "--config",
                    `/etc/streamspace/${CONFIG_FILE}`,
                    ...(embedded ? ["--data-dir", DATA_DIR] : []),
                    // The gateway's own Deployment serves session origins and scales apart.
                    "--no-gateway",
                  ],
                  env: [
                    { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
                    ...(embedded
                      ? []
                      : [
                          secretEnv(
                            "STREAMSPACE_DATABASE_URL",
                            settings.database.urlSecretName,
                            "url",
                            false,
                          ),
                        ]),
                    // Required, as in the gateway: tickets it cannot verify would fail only when a user connects.
                    secretEnv("STREAMSPACE_TICKET_KEYS", props.ticketKeysSecret, "keys", false),
                    secretEnv(
                      "STREAMSPACE_OIDC_CLIENT_SECRET",
                      settings.oidc.clientSecretName,
                      "clientSecret",
                      true,
                    ),
                    secretEnv(
                      "STREAMSPACE_ADMIN_USERNAME",
                      settings.bootstrapAdminSecretName,
                      "username",
                      true,
                    ),
                    secretEnv(
                      "STREAMSPACE_ADMIN_PASSWORD",
                      settings.bootstrapAdminSecretName,
                      "password",
                      true,
                    ),
                  ],
                  ports: [{ name: "http", containerPort: settings.port, protocol: "TCP" }],
                  livenessProbe: { httpGet: { path: "/healthz", port: "http" }, periodSeconds: 10 },
                  readinessProbe: { httpGet: { path: "/readyz", port: "http" }, periodSeconds: 5 },
                  // PGlite starts in seconds, not milliseconds; the first start also migrates.
                  startupProbe: {
                    httpGet: { path: "/healthz", port: "http" },
                    periodSeconds: 2,
                    failureThreshold: 60,
                  },
                  resources: containerResources(settings.resources),
                  securityContext: RESTRICTED_CONTAINER,
                  volumeMounts: [
                    { name: "config", mountPath: "/etc/streamspace", readOnly: true },
                    { name: "tmp", mountPath: "/tmp" },
                    ...(embedded ? [{ name: "data", mountPath: DATA_DIR }] : []),
                  ],
                },
              ],
              volumes: [
                { name: "config", configMap: { name: CONFIG_MAP_NAME } },
                { name: "tmp", emptyDir: { sizeLimit: "64Mi" } },
                ...(embedded
                  ? [{ name: "data", persistentVolumeClaim: { claimName: `${API_NAME}-data` } }]
                  : []),
              ],
            },
          },
        },
      };
      new ApiObject(variant, "Deployment", deployment as never);
    }
  }
}
