/**
 * `npm run synth [-- --config streamspace.config.yaml] [--out dist]`: writes the manifests that
 * Argo CD or Flux sync. Without --config it reads streamspace.config.yaml if there is one, else
 * uses the defaults. An invalid config writes nothing.
 */
import { DEFAULT_CONFIG_FILE, loadPlatformConfig } from "../config/platform-config.js";
import { synthesize } from "../synth/synthesize.js";
import { replaceTree } from "../synth/write-tree.js";
import { outputArgs } from "./args.js";
import { runMain } from "./run-main.js";

runMain(() => {
  const { config, out } = outputArgs(process.argv.slice(2), "dist");
  const files = synthesize(loadPlatformConfig(config ?? DEFAULT_CONFIG_FILE));
  replaceTree(out, files);
  console.log(`synthesized ${files.size} files into ${out}/`);
});
