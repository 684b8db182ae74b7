// npm run cluster:build | cluster:up | cluster:status | cluster:down  [-- --name <name>]
// See scripts/cluster/README.md.
import { readdirSync } from "node:fs";
import { parseArgs } from "node:util";
import { ensureImages } from "../images/build.js";
import { binDir, ensureBinaries } from "./build.js";
import { clustersRoot, down, isHealthy, readState, realNodeStatus, up } from "./cluster.js";
import { REAL_NODE_NAME } from "./real-node.js";

const usage = `usage: tsx scripts/cluster/cli.ts <command> [--name NAME] [--real-node]

commands:
  build    build etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok (cached);
           --real-node: the kubelet and the session images too
  up       start cluster NAME (default "dev") and print KUBECONFIG=<path>; --real-node adds a real
           node (containerd + kubelet, root only, one per machine) to the kwok nodes
  status   print KUBECONFIG=<path> if cluster NAME runs (exit 1 if not); --all lists every cluster
  down     stop cluster NAME and delete its state; --all stops every cluster`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: "string", short: "n", default: "dev" },
      all: { type: "boolean", default: false },
      "real-node": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const command = positionals[0];
  const names = () => (values.all ? listClusters() : [values.name]);

  switch (command) {
    case "build": {
      const started = Date.now();
      await ensureBinaries(undefined, { kubelet: values["real-node"] });
      if (values["real-node"]) await ensureImages();
      console.log(`binaries in ${binDir()} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
      return 0;
    }
    case "up": {
      const state = await up(values.name, undefined, { realNode: values["real-node"] });
      // On a line of its own so scripts can pick it up: eval "$(npm run -s cluster:up | grep ^KUBECONFIG=)"
      console.log(`KUBECONFIG=${state.kubeconfig}`);
      return 0;
    }
    case "status": {
      let allUp = true;
      for (const name of names()) {
        const state = readState(name);
        const healthy = state !== undefined && (await isHealthy(state));
        allUp &&= healthy;
        if (!state) console.error(`cluster ${name}: not started`);
        else if (!healthy) console.error(`cluster ${name}: not healthy (logs in ${state.dir}/logs)`);
        else {
          console.error(`cluster ${name}: running at ${state.server}, pids ${JSON.stringify(state.pids)}`);
          if (state.realNode) {
            const node = await realNodeStatus(state);
            console.error(
              `  real node ${REAL_NODE_NAME}: ${node.ready ? "Ready" : "not Ready"}, images: ${node.images.join(", ") || "none"}`,
            );
          }
          console.log(`KUBECONFIG=${state.kubeconfig}`);
        }
      }
      return allUp ? 0 : 1;
    }
    case "down": {
      for (const name of names())
        console.error(`cluster ${name}: ${(await down(name)) ? "stopped" : "not running"}`);
      return 0;
    }
    default:
      console.error(values.help ? usage : `unknown command ${JSON.stringify(command ?? "")}\n${usage}`);
      return values.help ? 0 : 2;
  }
}

function listClusters(): string[] {
  try {
    return readdirSync(clustersRoot());
  } catch {
    return [];
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
