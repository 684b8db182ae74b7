/**
 * A memory cgroup for a benchmarked process, so that it runs as in its pod: under the Deployment's
 * memory limit. Node sizes its heap from that limit (`process.constrainedMemory()`): in a 256 MiB pod
 * the heap may reach 259 MB and grows by 1.3 times what is live; on this bare 24 GB machine it may
 * reach 4 GB, grows by up to 4 times, and the RSS it shows says nothing of production.
 */
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = "/sys/fs/cgroup";

export class MemoryCgroup {
  private constructor(private readonly dir: string) {}

  /** Makes (or reuses) the cgroup `name` with `limitBytes`; throws, saying why, where it cannot. */
  static create(name: string, limitBytes: number): MemoryCgroup {
    const unified = existsSync(join(ROOT, "cgroup.controllers"));
    const dir = unified ? join(ROOT, name) : join(ROOT, "memory", name);
    try {
      if (unified && !readFileSync(join(ROOT, "cgroup.subtree_control"), "utf8").includes("memory"))
        throw new Error(`the memory controller is not enabled in ${ROOT}/cgroup.subtree_control`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, unified ? "memory.max" : "memory.limit_in_bytes"), String(limitBytes));
    } catch (error) {
      throw new Error(
        `the benchmark runs the process under its pod's memory limit, in a memory cgroup, and could not make ${dir}: ${(error as Error).message}. It needs root and a writable ${ROOT}.`,
      );
    }
    return new MemoryCgroup(dir);
  }

  /** `command args…` as a command line that joins this cgroup first, then execs (same pid). */
  wrap(command: string, args: readonly string[]): [string, string[]] {
    return [
      "/bin/sh",
      ["-c", 'echo $$ > "$0" && exec "$@"', join(this.dir, "cgroup.procs"), command, ...args],
    ];
  }

  /** Removes the cgroup once nothing runs in it; a leftover empty one is harmless and reused. */
  remove(): void {
    try {
      rmdirSync(this.dir);
    } catch {
      // Busy (a process still exiting) or gone already.
    }
  }
}
