import { ApiObject } from "cdk8s";
import { Construct } from "constructs";
import type { ResolvedPlatformConfig } from "../../src/config/platform-config.js";
import { GATEWAY_NAME } from "./labels.js";
import { platformDeployment, platformDisruptionBudget, platformSelector } from "./platform-deployment.js";

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

export const GATEWAY_SELECTOR = platformSelector("gateway");

/**
 * The session gateway: stateless replicas (each counts its own viewers and publishes them on the
 * Session), the ticket signing keys from a Secret the admin creates, Pod Security "restricted".
 */
export class Gateway extends Construct {
  constructor(scope: Construct, id: string, props: GatewayProps) {
    super(scope, id);
    const { namespace, settings } = props;
    const deployment = platformDeployment({
      namespace,
      name: GATEWAY_NAME,
      component: "gateway",
      replicas: settings.replicas,
      image: props.image,
      imagePullPolicy: props.imagePullPolicy,
      command: "gateway",
      logLevel: props.logLevel,
      configChecksum: props.configChecksum,
      ports: [
        { name: "http", containerPort: settings.port, protocol: "TCP" },
        { name: "metrics", containerPort: settings.metricsPort, protocol: "TCP" },
      ],
      resources: settings.resources,
      env: [
        {
          name: "STREAMSPACE_TICKET_KEYS",
          valueFrom: { secretKeyRef: { name: settings.ticketKeysSecret, key: "keys" } },
        },
        // The API's PostgreSQL when it has one: replicas sum viewer counts and spend tickets there.
        // Optional: with the embedded database there is no Secret, and the gateway keeps counts in
        // annotations (docs/decisions/0130).
        {
          name: "STREAMSPACE_DATABASE_URL",
          valueFrom: { secretKeyRef: { name: props.databaseUrlSecret, key: "url", optional: true } },
        },
      ],
      // Viewers reconnect to another replica; give them time to finish a frame, not a session.
      terminationGracePeriodSeconds: 15,
    });
    new ApiObject(this, "Deployment", deployment as never);
    new ApiObject(
      this,
      "Disruption",
      platformDisruptionBudget({ namespace, name: GATEWAY_NAME, component: "gateway" }),
    );
  }
}
