import { ApiObject } from "cdk8s";
import { Construct } from "constructs";
import type { ResolvedPlatformConfig } from "../../src/config/platform-config.js";
import { CONFIG_FILE, CONFIG_MAP_NAME, platformLabels, RECONCILER_NAME } from "./labels.js";
import { platformDeployment, platformDisruptionBudget, platformSelector } from "./platform-deployment.js";

/**
 * The reconciler process's environment beyond its config; the sessions benchmark runs it with the same.
 * glibc gives each thread that allocates its own arena, up to 8 a core of the node (not of the pod's
 * limit), and frees little of any but the main one: two arenas keep what malloc holds near what
 * Node uses (ADR 0155).
 */
export const RECONCILER_PROCESS_ENV: readonly { readonly name: string; readonly value: string }[] = [
  { name: "MALLOC_ARENA_MAX", value: "2" },
];

export interface ReconcilerProps {
  readonly namespace: string;
  readonly settings: ResolvedPlatformConfig["reconciler"];
  /** The platform config as the reconciler reads it (canonical JSON), and its checksum. */
  readonly config: { readonly json: string; readonly checksum: string };
}

/**
 * The reconciler: several replicas, one leading through a Lease. It satisfies Pod Security
 * "restricted" and reads its config from a ConfigMap; the pod template carries the config's
 * checksum so that a config change rolls the pods.
 */
export class Reconciler extends Construct {
  constructor(scope: Construct, id: string, props: ReconcilerProps) {
    super(scope, id);
    const { namespace, settings } = props;
    const labels = platformLabels("reconciler");
    new ApiObject(this, "Config", {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: CONFIG_MAP_NAME, namespace, labels },
      data: { [CONFIG_FILE]: props.config.json },
    });
    const deployment = platformDeployment({
      namespace,
      name: RECONCILER_NAME,
      component: "reconciler",
      replicas: settings.replicas,
      image: settings.image,
      imagePullPolicy: settings.imagePullPolicy,
      command: "reconcile",
      logLevel: settings.logLevel,
      configChecksum: props.config.checksum,
      ports: [{ name: "metrics", containerPort: settings.metricsPort, protocol: "TCP" }],
      resources: settings.resources,
      env: [
        { name: "POD_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
        ...RECONCILER_PROCESS_ENV,
      ],
      // Git checkouts of TemplateRepositories; rebuilt from git after a restart.
      volumes: [
        { name: "cache", mountPath: "/var/cache/streamspace", source: { emptyDir: { sizeLimit: "1Gi" } } },
      ],
    });
    new ApiObject(this, "Deployment", deployment as never);
    new ApiObject(this, "MetricsService", {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: `${RECONCILER_NAME}-metrics`, namespace, labels },
      spec: {
        selector: platformSelector("reconciler"),
        ports: [{ name: "metrics", port: 8080, targetPort: "metrics", protocol: "TCP" }],
      },
    });
    new ApiObject(
      this,
      "Disruption",
      platformDisruptionBudget({ namespace, name: RECONCILER_NAME, component: "reconciler" }),
    );
  }
}
