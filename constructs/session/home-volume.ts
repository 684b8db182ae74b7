import type { V1PersistentVolumeClaim } from "@kubernetes/client-node";
import { ApiObject } from "cdk8s";
import { Construct } from "constructs";
import { USER_ANNOTATION } from "../../src/api/labels.js";
import { sessionHomeName, userHomeName } from "../../src/api/names.js";
import { homeLabels } from "./labels.js";
import type { SessionDefaults } from "./settings.js";

export interface HomeVolumeProps {
  readonly sessionName: string;
  readonly namespace: string;
  readonly user: string;
  readonly home: SessionDefaults["home"];
}

/** The claim a session mounts as its home, or undefined when homes are ephemeral. */
export function homeClaimName(props: Omit<HomeVolumeProps, "namespace">): string | undefined {
  switch (props.home.mode) {
    case "perUser":
      return userHomeName(props.user);
    case "perSession":
      return sessionHomeName(props.sessionName);
    default:
      return undefined;
  }
}

/**
 * The user's home. It has no owner reference on purpose: it must outlive hibernation, termination
 * and even the Session object, and in per-user mode it is shared by all of that user's sessions.
 */
export class HomeVolume extends Construct {
  constructor(scope: Construct, id: string, props: HomeVolumeProps & { readonly claimName: string }) {
    super(scope, id);
    const claim: V1PersistentVolumeClaim = {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: {
        name: props.claimName,
        namespace: props.namespace,
        labels: homeLabels(props.user),
        annotations: { [USER_ANNOTATION]: props.user },
      },
      spec: {
        accessModes: [props.home.accessMode],
        resources: { requests: { storage: props.home.size } },
        ...(props.home.storageClassName ? { storageClassName: props.home.storageClassName } : {}),
      },
    };
    new ApiObject(this, "Resource", claim as never);
  }
}
