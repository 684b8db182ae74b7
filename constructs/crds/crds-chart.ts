import { Chart } from "cdk8s";
import type { Construct } from "constructs";
import { KINDS } from "../../src/api/schemas/index.js";
import { SYNC_WAVE } from "../platform/labels.js";
import { StreamSpaceCrd } from "./custom-resource-definition.js";
import { SessionOwnerPolicy } from "./session-owner-policy.js";

export interface CrdsChartProps {
  /** The platform namespace: its service accounts may act for any user. */
  readonly platformNamespace: string;
  /** Members may act for any user (security.adminGroup). */
  readonly adminGroup: string;
}

/** Every StreamSpace CRD and the admission policies that guard them; applied before anything else (Argo CD wave -10). */
export class CrdsChart extends Chart {
  constructor(scope: Construct, id: string, props: CrdsChartProps) {
    super(scope, id, { disableResourceNameHashes: true });
    for (const kind of KINDS) new StreamSpaceCrd(this, kind, { kind, annotations: { [SYNC_WAVE]: "-10" } });
    new SessionOwnerPolicy(this, "SessionOwnerPolicy", props);
  }
}
