import { Chart } from "cdk8s";
import type { Construct } from "constructs";
import type { ResolvedPlatformConfig } from "../../src/config/platform-config.js";
import { onlyWhen } from "./conditions.js";
import { DefaultRepository } from "./default-repository.js";

export interface CatalogChartProps {
  readonly config: ResolvedPlatformConfig;
}

/** Catalog content: the default TemplateRepository, when enabled. */
export class CatalogChart extends Chart {
  constructor(scope: Construct, id: string, props: CatalogChartProps) {
    super(scope, id, { disableResourceNameHashes: true });
    if (props.config.catalog.enabled) {
      const repository = new DefaultRepository(this, "DefaultRepository", {
        namespace: props.config.sessionNamespace,
        catalog: props.config.catalog,
      });
      onlyWhen(repository, "catalog.enabled");
    }
  }
}
