import type { V1Deployment } from "@kubernetes/client-node";
import { ApiObject } from "cdk8s";
import { Construct } from "constructs";
import { CONFIG_CHECKSUM_ANNOTATION } from "../../src/api/labels.js";
import type { ResolvedPlatformConfig } from "../../src/config/platform-config.js";
import { CONFIG_FILE, CONFIG_MAP_NAME, platformLabels, RECONCILER_NAME } from "./labels.js";
import { containerResources, RESTRICTED_CONTAINER, RESTRICTED_POD, spreadOverNodes } from "./pod-security.js";

export interface ReconcilerProps {
  readonly namespace: string;
  readonly settings: ResolvedPlatformConfig["reconciler"];
  /** The platform config as the reconciler reads it (canonical JSON), and its checksum. */
  readonly config: { readonly json: string; readonly checksum: string };
}

const selector = { "app.kubernetes.io/name": "streamspace", "app.kubernetes.io/component": "reconciler" };

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
    const deployment: V1Deployment = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: RECONCILER_NAME, namespace, labels },
      spec: {
        replicas: settings.replicas,
        revisionHistoryLimit: 3,
        selector: { matchLabels: selector },
        template: {
          metadata: {
            labels,
            annotations: { [CONFIG_CHECKSUM_ANNOTATION]: props.config.checksum },
          },
          spec: {
            serviceAccountName: RECONCILER_NAME,
            securityContext: RESTRICTED_POD,
            affinity: spreadOverNodes(selector),
            containers: [
              {
                name: "reconciler",
                image: settings.image,
                imagePullPolicy: settings.imagePullPolicy,
                args: ["reconcile", "--config", `/etc/streamspace/${CONFIG_FILE}`],
                env: [
                  { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
                  { name: "POD_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
                  { name: "LOG_LEVEL", value: settings.logLevel },
                ],
                ports: [{ name: "metrics", containerPort: settings.metricsPort, protocol: "TCP" }],
                livenessProbe: { httpGet: { path: "/healthz", port: "metrics" }, periodSeconds: 10 },
                readinessProbe: { httpGet: { path: "/readyz", port: "metrics" }, periodSeconds: 5 },
                resources: containerResources(settings.resources),
                securityContext: RESTRICTED_CONTAINER,
                volumeMounts: [
                  { name: "config", mountPath: "/etc/streamspace", readOnly: true },
                  { name: "cache", mountPath: "/var/cache/streamspace" },
                ],
              },
            ],
            volumes: [
              { name: "config", configMap: { name: CONFIG_MAP_NAME } },
              // Git checkouts of TemplateRepositories; rebuilt from git after a restart.
              { name: "cache", emptyDir: { sizeLimit: "1Gi" } },
            ],
          },
        },
      },
    };
    new ApiObject(this, "Deployment", deployment as never);
    new ApiObject(this, "MetricsService", {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: `${RECONCILER_NAME}-metrics`, namespace, labels },
      spec: {
        selector,
        ports: [{ name: "metrics", port: 8080, targetPort: "metrics", protocol: "TCP" }],
      },
    });
    // maxUnavailable rather than minAvailable, so that a single replica never blocks a node drain.
    new ApiObject(this, "Disruption", {
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      metadata: { name: RECONCILER_NAME, namespace, labels },
      spec: { maxUnavailable: 1, selector: { matchLabels: selector } },
    });
  }
}
