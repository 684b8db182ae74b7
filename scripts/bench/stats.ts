import { execFileSync } from "node:child_process";
import { cpus, totalmem } from "node:os";

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

/** Milliseconds each of `runs` calls takes, after `warmup` calls that are not counted. */
export function timeRuns(runs: number, fn: () => void, warmup = Math.min(runs, 5)): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples;
}

/** Wall-clock milliseconds of a whole command, run `runs` times. */
export function timeCommand(runs: number, command: string, args: readonly string[]): number[] {
  return timeRuns(runs, () => execFileSync(command, [...args], { stdio: "ignore" }), 1);
}

export function machine(): string {
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  return `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

export function fmt(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3);
}
