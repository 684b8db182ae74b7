/** `npm run chart [-- --out chart]`: writes the Helm chart generated from the constructs. */
import { readFileSync } from "node:fs";
import { chartFiles } from "../chart/chart-files.js";
import { replaceTree } from "../synth/write-tree.js";
import { outputArgs } from "./args.js";
import { runMain } from "./run-main.js";

runMain(() => {
  const { out } = outputArgs(process.argv.slice(2), "chart");
  const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  const files = chartFiles({ version, appVersion: version });
  replaceTree(out, files);
  console.log(`generated ${files.size} files into ${out}/`);
});
