import { App } from "cdk8s";
import type { ResolvedPlatformConfig } from "../src/config/platform-config.js";
import { CrdsChart } from "./crds/crds-chart.js";
import { CatalogChart } from "./platform/catalog-chart.js";
import { PlatformChart } from "./platform/platform-chart.js";

export { SessionBundle, sessionBundleObjects } from "./session/bundle.js";

/** The parts of an installation, in the order they are applied; each becomes a folder of dist/. */
export const PARTS = ["crds", "platform", "catalog"] as const;
export type Part = (typeof PARTS)[number];

export interface PlatformAppProps {
  readonly config: ResolvedPlatformConfig;
  readonly renderedConfig: { readonly json: string; readonly checksum: string };
}

/** One cdk8s App with a Chart per part: what both `npm run synth` and the chart generator read. */
export function platformApp(props: PlatformAppProps): App {
  const app = new App({ outdir: "/dev/null" });
  new CrdsChart(app, "crds", {
    platformNamespace: props.config.namespace,
    adminGroup: props.config.security.adminGroup,
  });
  new PlatformChart(app, "platform", props);
  new CatalogChart(app, "catalog", { config: props.config });
  return app;
}
