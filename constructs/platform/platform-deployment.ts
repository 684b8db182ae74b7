import type {
  V1ContainerPort,
  V1Deployment,
  V1DeploymentStrategy,
  V1EnvVar,
  V1Volume,
} from "@kubernetes/client-node";
import { CONFIG_CHECKSUM_ANNOTATION } from "../../src/api/labels.js";
import { CONFIG_FILE, CONFIG_MAP_NAME, platformLabels } from "./labels.js";
import { containerResources, RESTRICTED_CONTAINER, RESTRICTED_POD, spreadOverNodes } from "./pod-security.js";

/** A volume of one platform pod and where its container mounts it. */
export interface PlatformVolume {
  readonly name: string;
  readonly mountPath: string;
  /** The volume's source, e.g. `{ emptyDir: { sizeLimit: "1Gi" } }`. */
  readonly source: Omit<V1Volume, "name">;
}

export interface PlatformDeploymentProps {
  readonly namespace: string;
  /** The Deployment's name, also its ServiceAccount's. */
  readonly name: string;
  /** `app.kubernetes.io/component`: labels, selector and the container's name. */
  readonly component: string;
  readonly replicas: number;
  readonly image: string;
  readonly imagePullPolicy: string;
  /** The `streamspace` subcommand the pod runs, e.g. "reconcile"; `--config <file>` follows it. */
  readonly command: string;
  /**
   * Arguments after `--config <file>`.
   * @default none
   */
  readonly args?: readonly string[];
  /**
   * The LOG_LEVEL the pod gets.
   * @default none: the process's own default (info)
   */
  readonly logLevel?: string;
  /** The platform config's checksum, carried by the pod template: a config change rolls the pods. */
  readonly configChecksum: string;
  /** The container's ports; one must be named `probePort`. */
  readonly ports: readonly V1ContainerPort[];
  /**
   * The named port that serves /healthz and /readyz.
   * @default "metrics"
   */
  readonly probePort?: string;
  /**
   * Seconds a starting pod may take to answer /healthz before its liveness probe counts (a startup
   * probe every 2 s).
   * @default no startup probe
   */
  readonly startupSeconds?: number;
  readonly resources: Parameters<typeof containerResources>[0];
  /**
   * Environment after POD_NAME and LOG_LEVEL.
   * @default none
   */
  readonly env?: readonly V1EnvVar[];
  /**
   * Volumes beside the platform config (mounted read-only at /etc/streamspace).
   * @default none
   */
  readonly volumes?: readonly PlatformVolume[];
  /**
   * Group that owns the pod's volumes, e.g. so a PersistentVolumeClaim is writable by the non-root user.
   * @default none
   */
  readonly fsGroup?: number;
  /**
   * How pods are replaced on a change.
   * @default Kubernetes' RollingUpdate (25% unavailable, 25% surge)
   */
  readonly strategy?: V1DeploymentStrategy;
  /**
   * Whether the pods prefer different nodes.
   * @default true
   */
  readonly spreadOverNodes?: boolean;
  /**
   * Seconds a stopping pod is given before it is killed.
   * @default Kubernetes' 30
   */
  readonly terminationGracePeriodSeconds?: number;
}

/** The selector of a platform component's pods (the labels that never change). */
export function platformSelector(component: string): Record<string, string> {
  return { "app.kubernetes.io/name": "streamspace", "app.kubernetes.io/component": component };
}

/**
 * One platform component (reconciler, gateway, API): `replicas` pods of the platform image spread over
 * nodes, Pod Security "restricted", reading the platform config from its ConfigMap, probed on one of
 * their ports. The object, not a construct, so callers keep their own construct ids (the chart's
 * template names).
 */
export function platformDeployment(props: PlatformDeploymentProps): V1Deployment {
  const labels = platformLabels(props.component);
  const selector = platformSelector(props.component);
  const volumes = props.volumes ?? [];
  const probePort = props.probePort ?? "metrics";
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: props.name, namespace: props.namespace, labels },
    spec: {
      replicas: props.replicas,
      ...(props.strategy ? { strategy: props.strategy } : {}),
      revisionHistoryLimit: 3,
      selector: { matchLabels: selector },
      template: {
        metadata: { labels, annotations: { [CONFIG_CHECKSUM_ANNOTATION]: props.configChecksum } },
        spec: {
          serviceAccountName: props.name,
          securityContext:
            props.fsGroup === undefined ? RESTRICTED_POD : { ...RESTRICTED_POD, fsGroup: props.fsGroup },
          ...(props.terminationGracePeriodSeconds === undefined
            ? {}
            : { terminationGracePeriodSeconds: props.terminationGracePeriodSeconds }),
          ...(props.spreadOverNodes === false ? {} : { affinity: spreadOverNodes(selector) }),
          containers: [
            {
              name: props.component,
              image: props.image,
              imagePullPolicy: props.imagePullPolicy,
              args: [props.command, "--config", `/etc/streamspace/${CONFIG_FILE}`, ...(props.args ?? [])],
              env: [
                { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
                ...(props.logLevel === undefined ? [] : [{ name: "LOG_LEVEL", value: props.logLevel }]),
                ...(props.env ?? []),
              ],
              ports: [...props.ports],
              livenessProbe: { httpGet: { path: "/healthz", port: probePort }, periodSeconds: 10 },
              readinessProbe: { httpGet: { path: "/readyz", port: probePort }, periodSeconds: 5 },
              ...(props.startupSeconds === undefined
                ? {}
                : {
                    startupProbe: {
                      httpGet: { path: "/healthz", port: probePort },
                      periodSeconds: 2,
                      failureThreshold: Math.ceil(props.startupSeconds / 2),
                    },
                  }),
              resources: containerResources(props.resources),
              securityContext: RESTRICTED_CONTAINER,
              volumeMounts: [
                { name: "config", mountPath: "/etc/streamspace", readOnly: true },
                ...volumes.map((v) => ({ name: v.name, mountPath: v.mountPath })),
              ],
            },
          ],
          volumes: [
            { name: "config", configMap: { name: CONFIG_MAP_NAME } },
            ...volumes.map((v) => ({ name: v.name, ...v.source })),
          ],
        },
      },
    },
  };
}

/** At most one pod of the component down at a time (maxUnavailable: a single replica never blocks a drain). */
export function platformDisruptionBudget(
  props: Pick<PlatformDeploymentProps, "namespace" | "name" | "component">,
) {
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: { name: props.name, namespace: props.namespace, labels: platformLabels(props.component) },
    spec: { maxUnavailable: 1, selector: { matchLabels: platformSelector(props.component) } },
  };
}
