import { execFile } from "node:child_process";
import { promisify } from "node:util";

export interface ChildOutcome {
  readonly ok: boolean;
  readonly files?: number;
  readonly reason?: string;
  readonly message?: string;
  /** Bytes of RSS before the fetch, and the process's peak. */
  readonly rssBefore: number;
  readonly peak: number;
}

/**
 * Fetches and reads a repository in a child process (git-memory-child.ts) with a V8 heap ceiling, as
 * the reconciler does with its default limits; resolves with the outcome and the memory it took. The
 * child exiting with an error (killed, crashed) rejects.
 */
export async function fetchInChild(url: string, path: string): Promise<ChildOutcome & { growthMiB: number }> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--max-old-space-size=96", "--import", "tsx", "test/support/git-memory-child.ts", url, path],
    { timeout: 120_000 },
  );
  const outcome = JSON.parse(stdout) as ChildOutcome;
  return { ...outcome, growthMiB: (outcome.peak - outcome.rssBefore) / 2 ** 20 };
}
