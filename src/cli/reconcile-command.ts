import { hostname } from "node:os";
import { parseDuration } from "../api/durations.js";
import { loadPlatformConfig } from "../config/platform-config.js";
import { KubeApiError, kubeRequest } from "../core/kube-http.js";
import type { KubeConfig } from "../core/kubeconfig.js";
import { startReconciler } from "../reconciler/start.js";
import { createLogger } from "../telemetry/log.js";
import { CommandError, cliKubeConfig, integerOption, portOption } from "./run-main.js";
import { onSignals } from "./signals.js";
import type { Command } from "./streamspace.js";

/** Outside a cluster the namespaces may not exist; say so instead of retrying the Lease forever. */
async function checkNamespaces(kc: KubeConfig, names: string[]): Promise<void> {
  for (const name of new Set(names)) {
    try {
      await kubeRequest(kc, `/api/v1/namespaces/${encodeURIComponent(name)}`, {
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      if (error instanceof KubeApiError && error.statusCode === 404)
        throw new CommandError(
          `namespace ${name} does not exist in the cluster: install the platform (kubectl apply -k dist/), create it (kubectl create namespace ${name}), or set namespace / sessionNamespace in --config`,
        );
      if (error instanceof KubeApiError && error.statusCode === 403) continue;
      throw error;
    }
  }
}

const reconciles = { min: 1, max: 1000, expected: "a whole number from 1 to 1000" };

export const reconcileCommand: Command = {
  usage: `usage: streamspace reconcile [--config FILE] [--metrics-port N] [--no-leader-election] [--resync DURATION] [--git-cache DIR]
       [--concurrency N] [--max-concurrency N]

Runs the reconciler: in-cluster credentials, or KUBECONFIG for a local run.
  --config FILE          platform config (YAML or JSON); default: all defaults
  --metrics-port N       port of /metrics, /healthz and /readyz (default from the config, 8080)
  --no-leader-election   run without a Lease (one replica only)
  --resync DURATION      how often informers re-check everything (default 10m)
  --git-cache DIR        where template repositories are cloned (default /var/cache/streamspace)
  --concurrency N        Session reconciles at once, at least (default 8)
  --max-concurrency N    at most: the limit grows toward it while Sessions wait and the API server
                         answers within a second, and halves when it does not (default 32)`,
  options: {
    config: { type: "string" },
    "metrics-port": { type: "string" },
    "no-leader-election": { type: "boolean" },
    resync: { type: "string" },
    "git-cache": { type: "string" },
    concurrency: { type: "string" },
    "max-concurrency": { type: "string" },
  },
  async run(values) {
    const concurrency = integerOption("concurrency", values.concurrency as string | undefined, 8, reconciles);
    const maxConcurrency = integerOption(
      "max-concurrency",
      values["max-concurrency"] as string | undefined,
      32,
      reconciles,
    );
    if (maxConcurrency < concurrency) {
      throw new CommandError(
        `--max-concurrency ${maxConcurrency} is below --concurrency ${concurrency}: raise it, or give both the same value for a fixed limit`,
      );
    }
    const config = loadPlatformConfig(values.config as string | undefined);
    const metricsPort = portOption(
      "metrics-port",
      values["metrics-port"] as string | undefined,
      config.reconciler.metricsPort,
    );
    const kubeConfig = cliKubeConfig();
    await checkNamespaces(kubeConfig, [config.namespace, config.sessionNamespace]);
    const log = createLogger();
    const reconciler = await startReconciler({
      kubeConfig,
      config,
      identity: process.env.POD_NAME ?? hostname(),
      leaderElection: !values["no-leader-election"],
      concurrency,
      maxConcurrency,
      log,
      metricsPort,
      ...(values.resync ? { resyncMs: parseDuration(values.resync as string) } : {}),
      ...(values["git-cache"] ? { gitCacheDir: values["git-cache"] as string } : {}),
    });
    onSignals(log, () => reconciler.stop());
  },
};
