import { ApiObject } from "cdk8s";
import { Construct } from "constructs";
import type { TemplateRepository } from "../../src/api/generated/types.js";
import { GROUP_VERSION } from "../../src/api/schemas/index.js";
import type { ResolvedPlatformConfig } from "../../src/config/platform-config.js";
import { platformLabels, SYNC_WAVE } from "./labels.js";

export interface DefaultRepositoryProps {
  readonly namespace: string;
  readonly catalog: ResolvedPlatformConfig["catalog"];
}

/** StreamSpace's own catalog, synced from git like any other TemplateRepository. */
export class DefaultRepository extends Construct {
  constructor(scope: Construct, id: string, props: DefaultRepositoryProps) {
    super(scope, id);
    const repository: TemplateRepository = {
      apiVersion: GROUP_VERSION,
      kind: "TemplateRepository",
      metadata: {
        name: "streamspace-catalog",
        namespace: props.namespace,
        labels: platformLabels("catalog"),
        // After the CRDs and the reconciler: Argo CD cannot apply a custom resource before its CRD.
        annotations: { [SYNC_WAVE]: "10" },
      },
      spec: {
        url: props.catalog.url,
        ref: { branch: props.catalog.branch },
        path: props.catalog.path,
        interval: props.catalog.interval,
      },
    };
    new ApiObject(this, "Resource", repository as never);
  }
}
