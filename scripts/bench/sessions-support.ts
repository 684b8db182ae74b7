/**
 * Plumbing for the Session reconciler benchmark (sessions.ts): kubectl, a watch that records when each
 * object first reaches a state, /proc sampling of the reconciler process, and its Prometheus metrics.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  symlinkSync,
} from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import type { KubeConfig, KubernetesObject } from "@kubernetes/client-node";
import { RECONCILER_PROCESS_ENV } from "../../constructs/platform/reconciler.js";
import { Informer, type ResourceRef } from "../../src/core/informer.js";
import { createLogger } from "../../src/telemetry/log.js";
import type { MemoryCgroup } from "./memory-cgroup.js";

/** Milliseconds on a monotonic clock: wall time that NTP adjustments cannot bend. */
export const now = () => performance.now();

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Progress goes to stderr: stdout carries only the Markdown that `npm run bench` prints. */
export const progress = (line: string) => process.stderr.write(`[bench sessions] ${line}\n`);

/** Runs kubectl; throws with its stderr on failure or when `timeoutMs` passes. Returns stdout. */
export function kubectl(
  kubeconfig: string,
  args: readonly string[],
  opts: { timeoutMs?: number; input?: string } = {},
): Promise<string> {
  const timeoutMs = opts.timeoutMs ?? 120_000;
  return new Promise((resolve, reject) => {
    const child = spawn("kubectl", ["--kubeconfig", kubeconfig, ...args], {
      stdio: ["pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.on("data", (c: Buffer) => err.push(c));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const stderr = Buffer.concat(err).toString().trim();
      if (code === 0) resolve(Buffer.concat(out).toString());
      else if (signal === "SIGKILL")
        reject(new Error(`kubectl ${args.join(" ")} did not finish within ${timeoutMs / 1000}s`));
      else
        reject(new Error(`kubectl ${args.join(" ")} failed (${signal ?? code}): ${stderr.slice(0, 2000)}`));
    });
    child.stdin.end(opts.input ?? "");
  });
}

/** A free loopback port (another program could take it before the reconciler binds it; unlikely here). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface Waiter<T> {
  readonly pending: Set<string>;
  readonly times: Map<string, number>;
  readonly test: (obj: T) => boolean;
  readonly done: () => void;
}

/**
 * Follows one collection with a watch (the project's Informer: list, then watch, relist on 410) and
 * tells, per object, when it was first seen and when a condition first held. A watch rather than a
 * LIST every 250 ms: the event arrives within milliseconds of the change, and 1,000 Sessions listed
 * four times a second would cost the API server (on the same two cores) more than the reconciler does.
 */
export class Tracker<T extends KubernetesObject> {
  readonly informer: Informer<T>;
  /** When each object was first seen: for objects created during the run, its creation ± a few ms. */
  readonly addedAt = new Map<string, number>();
  private readonly waiters = new Set<Waiter<T>>();

  constructor(
    kc: KubeConfig,
    resource: ResourceRef,
    private readonly namespace: string,
  ) {
    this.informer = new Informer<T>({
      kubeConfig: kc,
      resource,
      namespace,
      resyncMs: 0,
      log: createLogger({ level: "warn", write: (line) => process.stderr.write(`${line}\n`) }),
    });
    this.informer.on("add", (obj) => {
      this.addedAt.set(obj.metadata?.name ?? "", now());
      this.check(obj);
    });
    this.informer.on("update", (obj) => this.check(obj));
  }

  async start(): Promise<void> {
    this.informer.start();
    await this.informer.whenSynced();
  }

  stop(): Promise<void> {
    return this.informer.stop();
  }

  get(name: string): T | undefined {
    return this.informer.store.get(`${this.namespace}/${name}`);
  }

  private check(obj: T): void {
    const name = obj.metadata?.name ?? "";
    const at = now();
    for (const waiter of this.waiters) {
      if (waiter.pending.has(name) && waiter.test(obj)) {
        waiter.pending.delete(name);
        waiter.times.set(name, at);
        if (waiter.pending.size === 0) waiter.done();
      }
    }
  }

  /**
   * Resolves with the time at which `test` first held for each of `names`, counting only changes seen
   * after this call (so register before causing the change). Rejects after `timeoutMs` with how far it got
   * and the state of one object still waiting.
   */
  firstTimes(
    names: readonly string[],
    test: (obj: T) => boolean,
    timeoutMs: number,
    what: string,
    describe: (obj: T | undefined) => string = () => "",
  ): Promise<Map<string, number>> {
    const times = new Map<string, number>();
    const pending = new Set(names);
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter: Waiter<T> = {
        pending,
        times,
        test,
        done: () => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(times);
        },
      };
      if (pending.size === 0) return resolve(times);
      this.waiters.add(waiter);
      timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const example = [...pending][0] ?? "";
        reject(
          new Error(
            `timed out after ${timeoutMs / 1000}s waiting for ${what}: ${times.size}/${names.length} done; ` +
              `e.g. ${example} is ${describe(this.get(example)) || "not seen"}`,
          ),
        );
      }, timeoutMs);
    });
  }
}

/** Linux clock ticks per second, the unit of utime/stime in /proc/<pid>/stat. */
const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

export interface ProcSample {
  /** Resident set now (VmRSS) and its peak since the process started (VmHWM), bytes. */
  readonly rss: number;
  readonly peakRss: number;
  /** User + system CPU seconds since the process started. */
  readonly cpuSeconds: number;
}

export function procSample(pid: number): ProcSample {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0) * 1024;
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name (field 2) may contain spaces and parentheses: count fields after its closing ')'.
  // From there, index 0 is field 3 (state), so utime (field 14) and stime (15) are at 11 and 12.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { rss: kb("VmRSS"), peakRss: kb("VmHWM"), cpuSeconds: ticks / CLOCK_TICKS };
}

/**
 * Compiles the CLI (reconciler, API) as the image does (`npm run build`: tsc, then the JSON schemas and
 * SQL migrations next to the code) into `dir`, so the process measured is the production one: running
 * the TypeScript through tsx adds a loader thread and transpile caches, about 70 MB of RSS that
 * production never has. Returns the CLI's path. Type errors (another engineer's work in progress) do not stop tsc from emitting.
 */
export function buildReconciler(dir: string): string {
  const out = join(dir, "build");
  try {
    execFileSync("npx", ["tsc", "-p", "tsconfig.build.json", "--outDir", out], { stdio: "pipe" });
  } catch (error) {
    progress(
      `tsc reported errors; using what it emitted: ${String((error as { stdout?: Buffer }).stdout ?? error).slice(0, 500)}`,
    );
  }
  for (const sub of ["src/api/schemas", "src/config"]) {
    for (const file of readdirSync(sub).filter((f) => f.endsWith(".json")))
      copyFileSync(join(sub, file), join(out, sub, file));
  }
  const migrations = "src/db/migrations";
  mkdirSync(join(out, migrations), { recursive: true });
  for (const file of readdirSync(migrations).filter((f) => f.endsWith(".sql")))
    copyFileSync(join(migrations, file), join(out, migrations, file));
  // Packages resolve from the compiled files' directory upwards.
  symlinkSync(resolve("node_modules"), join(dir, "node_modules"));
  const cli = join(out, "src/cli/streamspace.js");
  if (!existsSync(cli)) throw new Error(`tsc did not emit ${cli}`);
  return cli;
}

/** The reconciler as a child process whose pid is the Node process doing the reconciling. */
export class ReconcilerProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  private readonly cgroup: MemoryCgroup;
  private exited: string | undefined;

  constructor(
    readonly metricsPort: number,
    args: {
      cli: string;
      config: string;
      kubeconfig: string;
      logFile: string;
      resync: string;
      cpuProfDir?: string;
      /** Runs it in this memory cgroup, as under its pod's memory limit. */
      cgroup: MemoryCgroup;
    },
  ) {
    const log = openSync(args.logFile, "a");
    this.cgroup = args.cgroup;
    // Node itself, not `npx`, so that the pid sampled in /proc is the reconciler's (the cgroup's
    // wrapper execs it: same pid).
    const [command, argv] = args.cgroup.wrap(process.execPath, [
      ...(args.cpuProfDir ? ["--cpu-prof", "--cpu-prof-dir", args.cpuProfDir] : []),
      args.cli,
      "reconcile",
      "--config",
      args.config,
      "--no-leader-election",
      "--metrics-port",
      String(metricsPort),
      "--resync",
      args.resync,
    ]);
    this.child = spawn(command, argv, {
      // Its pod's environment too (MALLOC_ARENA_MAX): what malloc keeps is part of the RSS measured.
      env: {
        ...process.env,
        ...Object.fromEntries(RECONCILER_PROCESS_ENV.map(({ name, value }) => [name, value])),
        KUBECONFIG: args.kubeconfig,
      },
      stdio: ["ignore", log, log],
    });
    closeSync(log);
    if (this.child.pid === undefined) throw new Error("could not start the reconciler");
    this.pid = this.child.pid;
    this.child.on("exit", (code, signal) => {
      this.exited = `exited (${signal ?? code})`;
    });
  }

  /** Throws if the reconciler died: every later number would be meaningless. */
  assertAlive(): void {
    if (this.exited) throw new Error(`the reconciler ${this.exited}; see its log`);
  }

  sample(): ProcSample {
    this.assertAlive();
    return procSample(this.pid);
  }

  async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      this.assertAlive();
      const res = await fetch(`http://127.0.0.1:${this.metricsPort}/readyz`).catch(() => undefined);
      if (res?.status === 200) return;
      if (Date.now() > deadline)
        throw new Error(`the reconciler was not ready (/readyz) within ${timeoutMs / 1000}s`);
      await sleep(200);
    }
  }

  /**
   * Asks /healthz every `intervalMs` (one request at a time) and keeps the slowest answer: /healthz does
   * no work, so a slow answer means the event loop was busy. Returns a handle to read and stop it.
   */
  probeHealth(intervalMs = 500): { readonly maxMs: () => number; reset(): void; stop(): void } {
    let max = 0;
    let stopped = false;
    const loop = async () => {
      while (!stopped) {
        const start = now();
        await fetch(`http://127.0.0.1:${this.metricsPort}/healthz`, {
          signal: AbortSignal.timeout(60_000),
        }).catch(() => undefined);
        max = Math.max(max, now() - start);
        await sleep(intervalMs);
      }
    };
    void loop();
    return {
      maxMs: () => max,
      reset: () => {
        max = 0;
      },
      stop: () => {
        stopped = true;
      },
    };
  }

  /** Its whole Prometheus exposition. */
  async metrics(): Promise<string> {
    this.assertAlive();
    const res = await fetch(`http://127.0.0.1:${this.metricsPort}/metrics`, {
      signal: AbortSignal.timeout(10_000),
    });
    return res.text();
  }

  /** Sum of a metric's samples whose labels match `labels` (a value may be a regular expression). */
  async metric(name: string, labels: Record<string, string | RegExp> = {}): Promise<number> {
    return sumMetric(await this.metrics(), name, labels);
  }

  /** SIGTERM (it releases nothing here, but closes its watches), then SIGKILL after a grace period. */
  async stop(graceMs = 5_000): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((r) => this.child.once("exit", () => r()));
    this.child.kill("SIGTERM");
    const killed = await Promise.race([gone.then(() => true), sleep(graceMs).then(() => false)]);
    if (!killed) {
      this.child.kill("SIGKILL");
      await gone;
    }
    this.cgroup.remove();
  }
}

/** Sums the samples of one metric in Prometheus text exposition whose labels match. */
export function sumMetric(text: string, name: string, labels: Record<string, string | RegExp> = {}): number {
  let sum = 0;
  for (const line of text.split("\n")) {
    if (!line.startsWith(name) || line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [
        m[1],
        m[2],
      ]),
    );
    const ok = Object.entries(labels).every(([k, want]) => {
      const value = found[k] ?? "";
      return typeof want === "string" ? value === want : want.test(value);
    });
    if (ok) sum += Number(match[3]);
  }
  return sum;
}

/** CPU seconds used so far by each named process that is still alive, and by the whole machine. */
export function cpuByProcess(pids: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, pid] of Object.entries(pids)) {
    try {
      out[name] = procSample(pid).cpuSeconds;
    } catch {
      // Gone (a component that exited): it used nothing more.
    }
  }
  // /proc/stat's first line: user nice system idle iowait irq softirq steal, in ticks.
  const [user, nice, system, , , irq, softirq, steal] = (
    readFileSync("/proc/stat", "utf8").split("\n")[0] ?? ""
  )
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  out.machine =
    ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / CLOCK_TICKS;
  return out;
}

/** `after − before` for every process in `after`. */
export function cpuDelta(
  before: Record<string, number>,
  after: Record<string, number>,
): Record<string, number> {
  return Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - (before[k] ?? 0)]));
}
