import { Chart } from "cdk8s";
import type { Construct } from "constructs";
import { KINDS } from "../../src/api/schemas/index.js";
import { SYNC_WAVE } from "../platform/labels.js";
import { StreamSpaceCrd } from "./custom-resource-definition.js";

/** Every StreamSpace CRD; applied before anything else (Argo CD wave -10). */
export class CrdsChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { disableResourceNameHashes: true });
    for (const kind of KINDS) new StreamSpaceCrd(this, kind, { kind, annotations: { [SYNC_WAVE]: "-10" } });
  }
}
