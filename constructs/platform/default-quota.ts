import { ApiObject } from "cdk8s";
import { Construct } from "constructs";
import type { Quota } from "../../src/api/generated/types.js";
import { GROUP_VERSION } from "../../src/api/schemas/index.js";
import type { ResolvedPlatformConfig } from "../../src/config/platform-config.js";
import { platformLabels } from "./labels.js";

export interface DefaultQuotaProps {
  readonly namespace: string;
  readonly limits: ResolvedPlatformConfig["quota"];
}

/** The limits every user of the session namespace gets unless a per-user or per-group Quota says otherwise. */
export class DefaultQuota extends Construct {
  constructor(scope: Construct, id: string, props: DefaultQuotaProps) {
    super(scope, id);
    const quota: Quota = {
      apiVersion: GROUP_VERSION,
      kind: "Quota",
      metadata: { name: "default", namespace: props.namespace, labels: platformLabels("quota") },
      spec: { limits: { ...props.limits } },
    };
    new ApiObject(this, "Resource", quota as never);
  }
}
