import type { Logger } from "../telemetry/log.js";

/** On SIGTERM or SIGINT: log, run `stop`, exit 0. */
export function onSignals(log: Logger, stop: () => Promise<void>): void {
  const shutdown = async (signal: string) => {
    log.info("shutting down", { signal });
    await stop();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}
