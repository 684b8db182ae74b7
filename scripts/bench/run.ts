/**
 * `npm run bench [-- name…]`: runs the benchmarks and prints Markdown for BENCHMARKS.md.
 * Names: synth (default: all that need no cluster).
 */

import { machine } from "./stats.js";
import { benchSynth } from "./synth.js";

const benches: Record<string, () => string | Promise<string>> = { synth: benchSynth };

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(benches);
console.log(`Machine: ${machine()}. Date: ${new Date().toISOString().slice(0, 10)}.\n`);
for (const name of wanted) {
  const bench = benches[name];
  if (!bench) throw new Error(`unknown benchmark ${name}; known: ${Object.keys(benches).join(", ")}`);
  console.log(`## ${name}\n\n${await bench()}\n`);
}
