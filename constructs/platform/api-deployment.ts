import type { V1EnvVar } from "@kubernetes/client-node";
import { ApiObject } from "cdk8s";
import { Construct } from "constructs";
import type { ResolvedPlatformConfig } from "../../src/config/platform-config.js";
import { onlyWhen } from "./conditions.js";
import { API_NAME, platformLabels } from "./labels.js";
import { platformDeployment, platformSelector } from "./platform-deployment.js";

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

/**
 * The API process's environment with the embedded database. Postgres then runs in WebAssembly in the
 * API's process, and V8 compiles that module on helper threads whose freed memory glibc keeps in their
 * arenas: blocks of 32 KiB and more come from mmap instead, and go back to the system (ADR 0156).
 */
export const EMBEDDED_DATABASE_ENV: readonly { readonly name: string; readonly value: string }[] = [
  { name: "MALLOC_MMAP_THRESHOLD_", value: "32768" },
];

export const API_SELECTOR = platformSelector("api");
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
      const deployment = platformDeployment({
        namespace,
        name: API_NAME,
        component: "api",
        replicas: embedded ? 1 : settings.replicas,
        // The embedded database's volume can be mounted by one pod at a time.
        strategy: embedded
          ? { type: "Recreate" }
          : { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
        spreadOverNodes: false,
        fsGroup: 65532,
        image: props.image,
        imagePullPolicy: props.imagePullPolicy,
        command: "api",
        args: [
          ...(embedded ? ["--data-dir", DATA_DIR] : []),
          // The gateway's own Deployment serves session origins and scales apart.
          "--no-gateway",
        ],
        configChecksum: props.configChecksum,
        env: [
          ...(embedded
            ? []
            : [secretEnv("STREAMSPACE_DATABASE_URL", settings.database.urlSecretName, "url", false)]),
          // Required, as in the gateway: tickets it cannot verify would fail only when a user connects.
          secretEnv("STREAMSPACE_TICKET_KEYS", props.ticketKeysSecret, "keys", false),
          secretEnv("STREAMSPACE_OIDC_CLIENT_SECRET", settings.oidc.clientSecretName, "clientSecret", true),
          secretEnv("STREAMSPACE_ADMIN_USERNAME", settings.bootstrapAdminSecretName, "username", true),
          secretEnv("STREAMSPACE_ADMIN_PASSWORD", settings.bootstrapAdminSecretName, "password", true),
          ...(embedded ? EMBEDDED_DATABASE_ENV : []),
        ],
        ports: [{ name: "http", containerPort: settings.port, protocol: "TCP" }],
        probePort: "http",
        // PGlite starts in seconds, not milliseconds; the first start also migrates.
        startupSeconds: 120,
        resources: settings.resources,
        volumes: [
          { name: "tmp", mountPath: "/tmp", source: { emptyDir: { sizeLimit: "64Mi" } } },
          ...(embedded
            ? [
                {
                  name: "data",
                  mountPath: DATA_DIR,
                  source: { persistentVolumeClaim: { claimName: `${API_NAME}-data` } },
                },
              ]
            : []),
        ],
      });
      new ApiObject(variant, "Deployment", deployment as never);
    }
  }
}
