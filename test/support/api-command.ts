// `streamspace api` as a user starts it: the CLI in a child process, with its own data directory, the
// first admin from the environment and no ticket keys (so it signs with a key of its own).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PASSWORD } from "./api.js";
import { kubeconfigPath, waitFor } from "./kube.js";
import { stopProcess } from "./test-host.js";
import { freePort } from "./vnc-server.js";

const cli = fileURLToPath(new URL("../../src/cli/streamspace.ts", import.meta.url));

export interface ApiCommand {
  /** http://127.0.0.1:<API port> */
  readonly base: string;
  readonly gatewayPort: number;
  /** Resolves at the first 200 from the probe (/healthz or /readyz), asked every intervalMs. */
  answers(probe: "/healthz" | "/readyz", intervalMs: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the command with the platform config given; the first admin is "root" with PASSWORD. */
export async function startApiCommand(config: Record<string, unknown>): Promise<ApiCommand> {
  const dir = mkdtempSync(join(tmpdir(), "streamspace-api-cli-"));
  writeFileSync(join(dir, "config.json"), JSON.stringify(config));
  const port = await freePort();
  const gatewayPort = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KUBECONFIG: kubeconfigPath(),
    STREAMSPACE_ADMIN_USERNAME: "root",
    STREAMSPACE_ADMIN_PASSWORD: PASSWORD,
    LOG_LEVEL: "error",
  };
  delete env.STREAMSPACE_TICKET_KEYS;
  const args = [
    ...["--config", join(dir, "config.json"), "--port", String(port), "--host", "127.0.0.1"],
    ...["--data-dir", join(dir, "data"), "--gateway-port", String(gatewayPort)],
    ...["--gateway-metrics-port", "0"],
  ];
  const api: ChildProcess = spawn(process.execPath, ["--import", "tsx", cli, "api", ...args], {
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  return {
    base,
    gatewayPort,
    async answers(probe, intervalMs) {
      await waitFor(
        () =>
          fetch(`${base}${probe}`, { signal: AbortSignal.timeout(2000) }).then(
            (r) => r.ok || undefined,
            () => undefined,
          ),
        { what: `streamspace api ${probe}`, timeoutMs: 60_000, intervalMs },
      );
    },
    async stop() {
      await stopProcess(api);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
