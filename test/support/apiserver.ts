// Kills and restarts the kube-apiserver of a cluster started by scripts/cluster, as a crash would:
// the same command line, a new process. Only for clusters whose state.json sits beside the kubeconfig.
import { spawn } from "node:child_process";
import { existsSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { kubeconfigPath, kubectl, waitFor } from "./kube.js";

interface State {
  dir: string;
  pids: Record<string, number>;
}

/** Running, as opposed to gone or a zombie nobody has reaped yet. */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

/** Kills the API server, waits `downMs`, starts it again with the same arguments, and waits for /readyz. */
export async function restartApiServer(downMs: number): Promise<void> {
  const statePath = join(dirname(kubeconfigPath()), "state.json");
  if (!existsSync(statePath))
    throw new Error(`${statePath} not found: this test needs a cluster from scripts/cluster`);
  const state = JSON.parse(readFileSync(statePath, "utf8")) as State;
  const pid = state.pids["kube-apiserver"];
  if (!pid || !alive(pid)) throw new Error("kube-apiserver is not running");
  const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
  // SIGKILL, as a crash or an OOM kill would: a SIGTERM'd API server drains its requests for up to a minute.
  process.kill(pid, "SIGKILL");
  await waitFor(() => !alive(pid), { what: "kube-apiserver to exit", timeoutMs: 30_000 });
  await new Promise((r) => setTimeout(r, downMs));
  const log = openSync(join(state.dir, "logs", "kube-apiserver.log"), "a");
  const child = spawn(argv[0] as string, argv.slice(1), { detached: true, stdio: ["ignore", log, log] });
  child.unref();
  // So that `cluster:down` stops the new process, not the dead one.
  state.pids["kube-apiserver"] = child.pid as number;
  writeFileSync(statePath, `${JSON.stringify(state, null, 2)}\n`);
  await waitFor(
    async () => (await kubectl(["get", "--raw", "/readyz"], { allowFailure: true })).exitCode === 0,
    {
      what: "kube-apiserver /readyz after restart",
      timeoutMs: 60_000,
      intervalMs: 500,
    },
  );
}
