// Vitest global setups: one real control plane per test run and project.
//
// `integration` (this file's default export): if KUBECONFIG names a cluster that answers, the tests
// use it and leave it running (start one with `npm run cluster:up` and export the KUBECONFIG it prints
// to skip the start-up on every run). Otherwise a cluster named vitest-<pid> is started here and
// stopped after the run.
// `node` (test/setup/real-node.ts): the same with a cluster that has the real node; KUBECONFIG's
// cluster is used only if it has one (`npm run cluster:up -- --real-node`), else vitest-node-<pid>.
// Test files get the kubeconfig path through inject("kubeconfig"), see test/support/kube.ts.
import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";
import { clustersRoot, down, up } from "../../scripts/cluster/cluster.js";
import { REAL_NODE_KEY, REAL_NODE_VALUE } from "../../scripts/cluster/real-node.js";

declare module "vitest" {
  export interface ProvidedContext {
    kubeconfig: string;
  }
}

const execFileAsync = promisify(execFile);

async function reachable(kubeconfig: string, realNode: boolean): Promise<string | undefined> {
  try {
    await execFileAsync("kubectl", ["--kubeconfig", kubeconfig, "get", "--raw", "/readyz"], {
      timeout: 10_000,
    });
    if (realNode) {
      const { stdout } = await execFileAsync(
        "kubectl",
        [
          "--kubeconfig",
          kubeconfig,
          "get",
          "nodes",
          "-l",
          `${REAL_NODE_KEY}=${REAL_NODE_VALUE}`,
          "-o",
          "name",
        ],
        { timeout: 10_000 },
      );
      if (!stdout.trim()) return undefined;
    }
    const server = "jsonpath={.clusters[0].cluster.server}";
    const { stdout } = await execFileAsync("kubectl", [
      "--kubeconfig",
      kubeconfig,
      "config",
      "view",
      "--minify",
      "-o",
      server,
    ]);
    return stdout.trim();
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Clusters of earlier runs that were killed before their teardown ran. */
async function reapAbandoned(): Promise<void> {
  let names: string[] = [];
  try {
    names = readdirSync(clustersRoot());
  } catch {}
  for (const name of names) {
    const pid = /^vitest-(?:node-)?(\d+)$/.exec(name)?.[1];
    if (pid && !alive(Number(pid))) await down(name);
  }
}

export async function setupCluster(
  project: TestProject,
  options: { realNode: boolean },
): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.KUBECONFIG;
  if (given) {
    const server = await reachable(given, options.realNode);
    if (server) {
      console.error(`integration tests use the cluster at ${server} (KUBECONFIG=${given})`);
      project.provide("kubeconfig", given);
      return undefined;
    }
    console.error(
      `KUBECONFIG=${given} does not answer${options.realNode ? " or has no real node" : ""}; starting a cluster for this run`,
    );
  }

  await reapAbandoned();
  const name = `vitest-${options.realNode ? "node-" : ""}${process.pid}`;
  const state = await up(name, undefined, { realNode: options.realNode });
  project.provide("kubeconfig", state.kubeconfig);
  return async () => {
    await down(name);
  };
}

export default function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  return setupCluster(project, { realNode: false });
}
