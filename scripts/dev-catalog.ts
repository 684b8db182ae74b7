/**
 * `npm run dev`'s catalog: this checkout's git repository served read-only by stock `git http-backend`
 * on 127.0.0.1, so that the catalog reaches the cluster the way it does in production, through a
 * TemplateRepository the reconciler syncs (validation, status, per-file errors), following the
 * checkout's current branch: a commit shows up within the repository's interval.
 */
import { execFile } from "node:child_process";
import { symlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import type { TemplateRepository } from "../src/api/generated/types.js";
import { GROUP_VERSION } from "../src/api/schemas/index.js";
import { startGitServer } from "../test/support/git-server.js";

const run = promisify(execFile);

export interface ServedCheckout {
  /** Clone URL of the checkout's repository. */
  readonly url: string;
  /** The checkout's current branch, or its HEAD commit when detached. */
  readonly ref: { branch: string } | { commit: string };
  /** HEAD's commit now. */
  readonly commit: string;
  close(): Promise<void>;
}

export async function serveCheckout(dir = "."): Promise<ServedCheckout> {
  const git = async (...args: string[]) => (await run("git", ["-C", dir, ...args])).stdout.trim();
  // A linked worktree's .git is a file; its objects and refs live in the common directory.
  const gitDir = resolve(dir, await git("rev-parse", "--git-common-dir"));
  const commit = await git("rev-parse", "HEAD");
  const branch = await git("rev-parse", "--abbrev-ref", "HEAD");
  const server = await startGitServer();
  symlinkSync(gitDir, join(server.root, "streamspace.git"));
  return {
    url: `${server.url}/streamspace.git`,
    ref: branch === "HEAD" ? { commit } : { branch },
    commit,
    close: () => server.close(),
  };
}

/** The TemplateRepository of the served checkout's `catalog/`. */
export function checkoutRepository(namespace: string, checkout: ServedCheckout): TemplateRepository {
  return {
    apiVersion: GROUP_VERSION,
    kind: "TemplateRepository",
    metadata: { name: "streamspace-catalog", namespace },
    spec: { url: checkout.url, ref: checkout.ref, path: "catalog", interval: "30s" },
  };
}
