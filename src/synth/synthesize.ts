import { platformApp } from "../../constructs/index.js";
import type { ResolvedPlatformConfig } from "../config/platform-config.js";
import { renderConfig } from "../config/render.js";
import { distFiles } from "./manifests.js";

/** dist/ for a config: a pure function of the config. */
export function synthesize(config: ResolvedPlatformConfig): Map<string, string> {
  return distFiles(platformApp({ config, renderedConfig: renderConfig(config) }));
}
