/**
 * TemplateRepository sync of the 200-template catalog from a local git server (stock git
 * http-backend) into a real control plane: the first sync, a resync of an unchanged repository, and
 * the sync of a one-file change. Each is one reconcile of the repository controller, timed from its
 * start to its return (fetch, read, parse, apply, prune, status); writes are counted by the API
 * server itself (apiserver_request_total for templates and templaterepositories, dry runs apart).
 *
 * Uses the cluster KUBECONFIG names when it answers, else starts (and afterwards stops) one named
 * "bench-git" (not "bench", which the sessions benchmark uses). Run alone with `npx tsx scripts/bench/git-sync.ts`.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { createRepositoryController } from "../../src/controllers/repository/controller.js";
import { kubeRequest } from "../../src/core/kube-http.js";
import { silentLogger } from "../../src/telemetry/log.js";
import { startGitServer, type TestRepo } from "../../test/support/git-server.js";
import { treeFiles } from "../../test/support/read-tree.js";
import { down, up } from "../cluster/cluster.js";
import { fmt, median } from "./stats.js";

const root = new URL("../../", import.meta.url).pathname;

function kubectl(kubeconfig: string, args: string[], input?: string): string {
  return execFileSync("kubectl", ["--kubeconfig", kubeconfig, ...args], {
    input,
    encoding: "utf8",
    maxBuffer: 2 ** 28,
  });
}

function answers(kubeconfig: string | undefined): boolean {
  if (!kubeconfig) return false;
  try {
    kubectl(kubeconfig, ["get", "--raw", "/readyz"]);
    return true;
  } catch {
    return false;
  }
}

/** Writes (and dry-run applies) the API server has served for our two resources so far. */
function writeCounts(kubeconfig: string): { writes: number; dryRuns: number } {
  let writes = 0;
  let dryRuns = 0;
  for (const line of kubectl(kubeconfig, ["get", "--raw", "/metrics"]).split("\n")) {
    if (!line.startsWith("apiserver_request_total{")) continue;
    if (!/resource="(templates|templaterepositories)"/.test(line)) continue;
    if (!/verb="(APPLY|PATCH|POST|PUT|DELETE|CREATE|UPDATE)"/.test(line)) continue;
    const value = Number(line.slice(line.lastIndexOf(" ") + 1));
    if (line.includes('dry_run="All"')) dryRuns += value;
    else writes += value;
  }
  return { writes, dryRuns };
}

interface Sample {
  ms: number;
  writes: number;
  dryRuns: number;
}

export async function benchGitSync(): Promise<string> {
  const given = process.env.KUBECONFIG;
  const started = answers(given) ? undefined : await up("bench-git", () => {});
  const kubeconfig = started?.kubeconfig ?? (given as string);
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  kubectl(kubeconfig, ["apply", "--server-side", "-k", join(root, "dist/crds")]);
  kubectl(kubeconfig, [
    "wait",
    "--for=condition=Established",
    "crd/templates.stream.streamspace.io",
    "crd/templaterepositories.stream.streamspace.io",
  ]);

  const server = await startGitServer();
  const files = treeFiles(join(root, "catalog"), "catalog");
  const manifests = Object.keys(files).filter((f) => /\.ya?ml$/.test(f)).length;
  const namespaces: string[] = [];
  const first: Sample[] = [];
  const unchanged: Sample[] = [];
  const oneFile: Sample[] = [];
  const baselineFirst: Sample[] = [];
  const baselineAgain: Sample[] = [];

  try {
    for (let round = 0; round < 3; round++) {
      const ns = `bench-git-${Date.now().toString(36)}`;
      namespaces.push(ns);
      kubectl(kubeconfig, ["create", "namespace", ns]);
      const repo: TestRepo = await server.createRepo(`catalog-${round}`);
      await repo.write(files).commit("catalog");
      const cacheDir = mkdtempSync(join(tmpdir(), "bench-git-"));
      const sync = createRepositoryController({ kubeConfig: kc, namespace: ns, cacheDir, log: silentLogger });
      for (const informer of sync.informers) informer.start();
      await Promise.all(sync.informers.map((i) => i.whenSynced()));
      await kubeRequest(kc, `/apis/stream.streamspace.io/v1alpha1/namespaces/${ns}/templaterepositories`, {
        method: "POST",
        body: {
          apiVersion: "stream.streamspace.io/v1alpha1",
          kind: "TemplateRepository",
          metadata: { name: "catalog" },
          spec: { url: repo.url, path: "catalog", interval: "1s" },
        },
      });
      const key = `${ns}/catalog`;
      while (!sync.informers[0].store.get(key)) await new Promise((r) => setTimeout(r, 5));

      const measure = async (): Promise<Sample> => {
        const before = writeCounts(kubeconfig);
        const t0 = performance.now();
        await sync.reconciler.reconcile(key, AbortSignal.timeout(15 * 60_000));
        const ms = performance.now() - t0;
        // Let the informers see our writes before the next reconcile, as they would in service.
        await new Promise((r) => setTimeout(r, 1100));
        const after = writeCounts(kubeconfig);
        return { ms, writes: after.writes - before.writes, dryRuns: after.dryRuns - before.dryRuns };
      };

      first.push(await measure());
      for (let i = 0; i < 4; i++) unchanged.push(await measure());
      for (let i = 0; i < 2; i++) {
        const path = "catalog/templates/browsers/firefox.yaml";
        const text = (files[path] as string).replace(/displayName: .*/, `displayName: Firefox ${round}.${i}`);
        await repo.write({ [path]: text }).commit(`edit ${round}.${i}`);
        oneFile.push(await measure());
      }
      for (const informer of sync.informers) await informer.stop();
      rmSync(cacheDir, { recursive: true, force: true });
    }
    // Baseline: what a plain GitOps apply of the same files costs, from a checkout already on disk
    // (no git, no validation): `kubectl apply --server-side` of every template, then the same again.
    for (let round = 0; round < 3; round++) {
      const ns = `bench-kubectl-${Date.now().toString(36)}`;
      namespaces.push(ns);
      kubectl(kubeconfig, ["create", "namespace", ns]);
      const applyAll = (): Sample => {
        const before = writeCounts(kubeconfig);
        const t0 = performance.now();
        kubectl(kubeconfig, [
          "apply",
          "--server-side",
          "-n",
          ns,
          "-R",
          "-f",
          join(root, "catalog/templates"),
        ]);
        const ms = performance.now() - t0;
        const after = writeCounts(kubeconfig);
        return { ms, writes: after.writes - before.writes, dryRuns: after.dryRuns - before.dryRuns };
      };
      baselineFirst.push(applyAll());
      baselineAgain.push(applyAll());
    }
  } finally {
    for (const ns of namespaces) kubectl(kubeconfig, ["delete", "namespace", ns, "--wait=false"]);
    await server.close();
    if (started) await down("bench-git");
  }

  const row = (what: string, samples: Sample[], goal: string) => {
    const ms = samples.map((s) => s.ms);
    const writes = [...new Set(samples.map((s) => s.writes))].sort((a, b) => a - b).join(" / ");
    const dry = [...new Set(samples.map((s) => s.dryRuns))].sort((a, b) => a - b).join(" / ");
    return `| ${what} | ${samples.length} | ${fmt(median(ms))} | ${fmt(Math.max(...ms))} | ${writes} | ${dry} | ${goal} |`;
  };
  return [
    `The ${manifests}-template catalog (\`catalog/\`, path \`catalog\`) served by \`git http-backend\` on loopback,`,
    "synced into a local control plane (scripts/cluster). One reconcile of the TemplateRepository",
    "controller, timed from its start to its return; writes counted by the API server",
    "(`apiserver_request_total`, templates and templaterepositories; the dry-run applies that check",
    "whether an object changed are listed apart).",
    "",
    "| Sync | Runs | Median ms | Max ms | Writes | Dry runs | Goal |",
    "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    row("First sync (shallow clone, 200+ Templates created)", first, "< 5 s"),
    row("Unchanged resync (ref listing only)", unchanged, "< 300 ms, 0 writes"),
    row("One-file change (fetch, 1 Template updated)", oneFile, "—"),
    row("Baseline: `kubectl apply --server-side -R` of the same files, first time", baselineFirst, "—"),
    row("Baseline: the same apply again, nothing changed", baselineAgain, "—"),
    "",
    `Ratios to the baseline: first sync ${(median(first.map((x) => x.ms)) / median(baselineFirst.map((x) => x.ms))).toFixed(2)}×,`,
    `unchanged resync ${(median(unchanged.map((x) => x.ms)) / median(baselineAgain.map((x) => x.ms))).toFixed(3)}× (kubectl re-sends every object).`,
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchGitSync());
}
