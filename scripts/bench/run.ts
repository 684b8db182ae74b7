/**
 * `npm run bench [-- name…]`: runs the benchmarks and prints Markdown for BENCHMARKS.md.
 * Names: synth (no cluster), sessions, git-sync, api, portal and gateway (each on a local control
 * plane), real-node, portal-launch and gateway-wake (root: sessions that really run, on a cluster with the real node).
 * Default: all but those three. sessions and api run the measured process in a memory cgroup of its pod's
 * limit (root too). Run them one at a time when comparing numbers: on 2 cores they slow each other down.
 */
import { benchApi } from "./api.js";
import { benchGateway } from "./gateway.js";
import { benchGatewayWake } from "./gateway-wake.js";
import { benchGitSync } from "./git-sync.js";
import { benchPortal } from "./portal.js";
import { benchPortalLaunch } from "./portal-launch.js";
import { benchRealNode } from "./real-node.js";
import { benchSessions } from "./sessions.js";
import { machine } from "./stats.js";
import { benchSynth } from "./synth.js";

const benches: Record<string, () => string | Promise<string>> = {
  synth: benchSynth,
  "git-sync": benchGitSync,
  sessions: benchSessions,
  "real-node": benchRealNode,
  api: benchApi,
  portal: benchPortal,
  "portal-launch": benchPortalLaunch,
  gateway: benchGateway,
  "gateway-wake": benchGatewayWake,
};

const wanted = process.argv.slice(2).length
  ? process.argv.slice(2)
  : Object.keys(benches).filter((name) => !["real-node", "portal-launch", "gateway-wake"].includes(name));
console.log(`Machine: ${machine()}. Date: ${new Date().toISOString().slice(0, 10)}.\n`);
for (const name of wanted) {
  const bench = benches[name];
  if (!bench) throw new Error(`unknown benchmark ${name}; known: ${Object.keys(benches).join(", ")}`);
  console.log(`## ${name}\n\n${await bench()}\n`);
}
