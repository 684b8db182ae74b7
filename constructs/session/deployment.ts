import type { V1Deployment } from "@kubernetes/client-node";
import { ApiObject } from "cdk8s";
import { Construct } from "constructs";
import { appEndpoint } from "../../src/api/app-endpoint.js";
import type { Session, Template } from "../../src/api/generated/types.js";
import { homeMount } from "./home-mount.js";
import { sessionSelector } from "./labels.js";
import { resolveResources } from "./resources.js";
import { containerSecurityContext, podSecurityContext } from "./security.js";
import type { SessionDefaults } from "./settings.js";

export interface SessionDeploymentProps {
  readonly session: Session;
  readonly template: Template;
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly metadata: NonNullable<V1Deployment["metadata"]>;
  /** The home volume claim, or none for an ephemeral home (an emptyDir then). */
  readonly homeClaimName?: string;
  readonly defaults: SessionDefaults;
}

/**
 * The session's workload: one replica while running, zero while hibernated. Recreate, never two
 * pods at once: a desktop is one machine, and its home volume may be ReadWriteOnce.
 */
export class SessionDeployment extends Construct {
  constructor(scope: Construct, id: string, props: SessionDeploymentProps) {
    super(scope, id);
    const spec = props.template.spec;
    const endpoint = appEndpoint(spec);
    const replicas = props.session.spec.state === "hibernated" ? 0 : 1;
    const persistentHome = props.session.spec.persistentHome !== false && props.homeClaimName !== undefined;
    const resources = resolveResources(props.session.spec.resources, spec.defaultResources, props.defaults);
    // Each emptyDir may hold what the container's scratch limit allows.
    const scratch = { sizeLimit: resources.limits["ephemeral-storage"] };
    const home = homeMount(spec);
    // Without a persistent home, a home the Template never asked for is not added.
    const mounts = [...(spec.volumeMounts ?? []), ...(persistentHome && !home.declared ? [home.mount] : [])];
    const homeVolume = home.mount.name;
    const homeMounted = mounts.includes(home.mount);
    const extraVolumes = [...new Set(mounts.map((m) => m.name).filter((n) => n !== homeVolume))];
    const deployment: V1Deployment = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: props.metadata,
      spec: {
        replicas,
        revisionHistoryLimit: 2,
        strategy: { type: "Recreate" },
        selector: { matchLabels: sessionSelector(props.session.metadata?.name ?? "") },
        template: {
          metadata: { labels: props.labels },
          spec: {
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            // Which nodes run sessions (the platform config's, as z2jh's singleuser.nodeSelector).
            ...(Object.keys(props.defaults.nodeSelector).length
              ? { nodeSelector: { ...props.defaults.nodeSelector } }
              : {}),
            ...(props.defaults.tolerations.length
              ? { tolerations: props.defaults.tolerations.map((t) => ({ ...t })) }
              : {}),
            securityContext: podSecurityContext(spec),
            containers: [
              {
                name: "app",
                image: spec.baseImage,
                ports: [
                  { name: "app", containerPort: endpoint.port, protocol: "TCP" },
                  ...(spec.ports ?? [])
                    // The app port is declared once, named "app"; a template port of the same number or name would clash.
                    .filter((p) => p.containerPort !== endpoint.port && p.name !== "app")
                    .map((p) => ({
                      containerPort: p.containerPort,
                      protocol: p.protocol ?? "TCP",
                      ...(p.name ? { name: p.name } : {}),
                    })),
                ],
                ...(spec.env?.length
                  ? { env: spec.env.map((e) => ({ name: e.name, value: e.value ?? "" })) }
                  : {}),
                resources,
                readinessProbe: {
                  ...(endpoint.healthPath
                    ? { httpGet: { path: endpoint.healthPath, port: "app", scheme: endpoint.scheme } }
                    : { tcpSocket: { port: "app" } }),
                  // Every second: the user waits for the first success after the server listens (a 2 s
                  // period was most of the gap to a bare pod's first frame); six misses keep ~6 s of slack.
                  periodSeconds: 1,
                  failureThreshold: 6,
                },
                securityContext: containerSecurityContext(spec),
                volumeMounts: [
                  ...mounts.map((m) => ({
                    name: m.name,
                    mountPath: m.mountPath,
                    ...(m.subPath ? { subPath: m.subPath } : {}),
                    ...(m.readOnly ? { readOnly: true } : {}),
                  })),
                  { name: "dshm", mountPath: "/dev/shm" },
                ],
              },
            ],
            volumes: [
              ...(homeMounted
                ? [
                    persistentHome
                      ? {
                          name: homeVolume,
                          persistentVolumeClaim: { claimName: props.homeClaimName as string },
                        }
                      : { name: homeVolume, emptyDir: scratch },
                  ]
                : []),
              ...extraVolumes.map((name) => ({ name, emptyDir: scratch })),
              // Browsers and desktops need far more shared memory than the runtime's 64Mi default.
              { name: "dshm", emptyDir: { medium: "Memory", sizeLimit: "1Gi" } },
            ],
          },
        },
      },
    };
    new ApiObject(this, "Resource", deployment as never);
  }
}
