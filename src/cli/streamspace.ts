/**
 * The `streamspace` command. `streamspace reconcile [--config FILE]` runs the in-cluster reconciler:
 * in-cluster credentials, or KUBECONFIG for a local run. The config is the platform config (YAML or
 * JSON, as the platform's ConfigMap mounts it); without one, the defaults.
 */
import { hostname } from "node:os";
import { parseArgs } from "node:util";
import { parseDuration } from "../api/durations.js";
import { loadPlatformConfig } from "../config/platform-config.js";
import { loadKubeConfig } from "../core/kubeconfig.js";
import { runGatewayCommand } from "../gateway/command.js";
import { startReconciler } from "../reconciler/start.js";
import { createLogger } from "../telemetry/log.js";
import { runMain } from "./run-main.js";

const USAGE =
  "usage: streamspace gateway --help | streamspace reconcile [--config FILE] [--metrics-port N] [--no-leader-election] [--resync DURATION] [--git-cache DIR]";

runMain(async () => {
  const [command, ...rest] = process.argv.slice(2);
  if (command === "gateway") {
    await runGatewayCommand(rest);
    return;
  }
  if (command !== "reconcile") throw new Error(USAGE);
  const { values } = parseArgs({
    args: rest,
    options: {
      config: { type: "string" },
      "metrics-port": { type: "string" },
      "no-leader-election": { type: "boolean" },
      resync: { type: "string" },
      "git-cache": { type: "string" },
    },
  });
  const kubeConfig = loadKubeConfig();
  const log = createLogger();
  const reconciler = await startReconciler({
    kubeConfig,
    config: loadPlatformConfig(values.config),
    identity: process.env.POD_NAME ?? hostname(),
    leaderElection: !values["no-leader-election"],
    log,
    ...(values["metrics-port"] ? { metricsPort: Number(values["metrics-port"]) } : {}),
    ...(values.resync ? { resyncMs: parseDuration(values.resync) } : {}),
    ...(values["git-cache"] ? { gitCacheDir: values["git-cache"] } : {}),
  });
  const shutdown = async (signal: string) => {
    log.info("shutting down", { signal });
    await reconciler.stop();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
});
