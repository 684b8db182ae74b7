import type { V1ObjectMeta, V1OwnerReference } from "@kubernetes/client-node";
import { App, Chart } from "cdk8s";
import { Construct } from "constructs";
import { appEndpoint } from "../../src/api/app-endpoint.js";
import type { Session, Template } from "../../src/api/generated/types.js";
import { USER_ANNOTATION } from "../../src/api/labels.js";
import { sessionObjectName } from "../../src/api/names.js";
import { GROUP_VERSION } from "../../src/api/schemas/index.js";
import { SessionDeployment } from "./deployment.js";
import { HomeVolume, homeClaimName } from "./home-volume.js";
import { SessionIngress } from "./ingress.js";
import { sessionLabels } from "./labels.js";
import { SessionService } from "./service.js";
import type { BundleSettings } from "./settings.js";

export interface SessionBundleProps {
  /** The Session, with its schema defaults filled in. */
  readonly session: Session;
  /** Its Template, with schema defaults filled in. */
  readonly template: Template;
  readonly settings: BundleSettings;
}

/** A Kubernetes object as plain JSON, ready for server-side apply. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: V1ObjectMeta & { name: string };
  [field: string]: unknown;
}

function ownerReference(session: Session): V1OwnerReference[] {
  const { name, uid } = session.metadata ?? {};
  if (!name || !uid) return [];
  return [
    { apiVersion: GROUP_VERSION, kind: "Session", name, uid, controller: true, blockOwnerDeletion: true },
  ];
}

/**
 * Everything one Session needs: Deployment, Service, Ingress and home volume. A terminated Session
 * keeps only its home volume; everything else leaves the desired set and is pruned.
 */
export class SessionBundle extends Construct {
  constructor(scope: Construct, id: string, props: SessionBundleProps) {
    super(scope, id);
    const { session, template, settings } = props;
    const sessionName = session.metadata?.name;
    const namespace = session.metadata?.namespace;
    if (!sessionName || !namespace) throw new Error("session.metadata.name and .namespace are required");
    const name = sessionObjectName(sessionName);
    const labels = sessionLabels(session);
    const owners = ownerReference(session);
    const metadata = {
      name,
      namespace,
      labels,
      annotations: { [USER_ANNOTATION]: session.spec.user },
      ...(owners.length ? { ownerReferences: owners } : {}),
    };
    const claimName =
      session.spec.persistentHome === false
        ? undefined
        : homeClaimName({ sessionName, user: session.spec.user, home: settings.sessions.home });
    if (claimName) {
      new HomeVolume(this, "Home", {
        sessionName,
        namespace,
        user: session.spec.user,
        home: settings.sessions.home,
        claimName,
      });
    }
    if (session.spec.state === "terminated") return;
    new SessionDeployment(this, "Deployment", {
      session,
      template,
      name,
      labels,
      metadata,
      defaults: settings.sessions,
      ...(claimName ? { homeClaimName: claimName } : {}),
    });
    new SessionService(this, "Service", { sessionName, metadata });
    new SessionIngress(this, "Ingress", {
      objectName: name,
      namespace,
      sessionName,
      endpoint: appEndpoint(template.spec),
      settings: settings.ingress,
      metadata,
    });
  }
}

/**
 * The Session's desired objects, computed in-process: what the reconciler applies. A pure function
 * of its inputs; it touches no cluster and no file.
 */
export function sessionBundleObjects(props: SessionBundleProps): KubeObject[] {
  const chart = new Chart(new App({ outdir: "/dev/null" }), "bundle", { disableResourceNameHashes: true });
  new SessionBundle(chart, "session", props);
  return chart.toJson() as KubeObject[];
}
