// A test host: a network namespace of its own, joined to this one by a veth pair, so a process of the
// test can stand behind an EndpointSlice (the API server refuses loopback addresses there) while all
// traffic stays inside the machine. Addresses come from 10.124.0.0/16, one /30 per host.
import { type ChildProcess, execFile, type SpawnOptions, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";

const run = promisify(execFile);

/** What the gateway under test may dial: test hosts only. */
export const TEST_HOST_NETWORK = "10.124.0.0/16";

/** Ends a child process: SIGTERM, then SIGKILL if it is still there after 5 s (x11vnc can ignore SIGTERM). */
export function stopProcess(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => p.kill("SIGKILL"), 5000);
    p.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    p.kill("SIGTERM");
  });
}

export interface TestHost {
  /** The host's address, reachable from the test process. */
  readonly address: string;
  /** Starts a program inside the host's namespace. */
  spawn(command: string, args: string[], opts?: SpawnOptions): ChildProcess;
  stop(): Promise<void>;
}

export async function startTestHost(): Promise<TestHost> {
  const id = randomBytes(2).toString("hex");
  const netns = `ssgw-${id}`;
  const [outer, inner] = [`sg${id}a`, `sg${id}b`];
  const subnet = `10.124.${randomBytes(1)[0] ?? 0}.${4 * ((randomBytes(1)[0] ?? 0) % 64)}`;
  const base = subnet.split(".").map(Number);
  const at = (n: number) => `${base[0]}.${base[1]}.${base[2]}.${(base[3] ?? 0) + n}`;
  const steps: string[][] = [
    ["netns", "add", netns],
    ["link", "add", outer, "type", "veth", "peer", "name", inner],
    ["link", "set", inner, "netns", netns],
    ["addr", "add", `${at(1)}/30`, "dev", outer],
    ["link", "set", outer, "up"],
    ["-n", netns, "addr", "add", `${at(2)}/30`, "dev", inner],
    ["-n", netns, "link", "set", inner, "up"],
    ["-n", netns, "link", "set", "lo", "up"],
  ];
  const children = new Set<ChildProcess>();
  const stop = async () => {
    await Promise.all([...children].map(stopProcess));
    await run("ip", ["link", "del", outer]).catch(() => {});
    await run("ip", ["netns", "del", netns]).catch(() => {});
  };
  try {
    for (const args of steps) await run("ip", args);
  } catch (err) {
    await stop();
    throw new Error(`could not make a test host (needs root and iproute2): ${(err as Error).message}`);
  }
  return {
    address: at(2),
    spawn(command, args, opts = {}) {
      const child = spawn("ip", ["netns", "exec", netns, command, ...args], opts);
      children.add(child);
      return child;
    },
    stop,
  };
}
