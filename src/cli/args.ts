import { parseArgs } from "node:util";

/** `--config FILE` and `--out DIR`, shared by the synth and chart commands. */
export function outputArgs(argv: string[], defaultOut: string): { config: string | undefined; out: string } {
  const { values } = parseArgs({
    args: argv,
    options: { config: { type: "string", short: "c" }, out: { type: "string", short: "o" } },
    strict: true,
  });
  return { config: values.config, out: values.out ?? defaultOut };
}
