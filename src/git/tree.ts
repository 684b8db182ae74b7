import * as fs from "node:fs";
import git, { Errors } from "isomorphic-git";
import { SyncError } from "./errors.js";
import { IGNORE_FILE, IgnoreRules } from "./ignore.js";

export interface TreeLimits {
  /** Entries (files, folders, links) under the path; more fails the sync. */
  readonly maxFiles: number;
  /** Bytes of one manifest; a larger one is skipped and reported. */
  readonly maxFileBytes: number;
  /** Bytes of all manifests together; more fails the sync. */
  readonly maxTotalBytes: number;
}

export interface RepoFile {
  /** Path from the repository root, `/`-separated. */
  readonly path: string;
  /** The blob's id: equal ids, equal contents. */
  readonly oid: string;
  readonly bytes: number;
  /** Absent when the caller said it already knows this blob (see `known`). */
  readonly content?: Uint8Array;
}

export interface TreeProblem {
  readonly file: string;
  readonly message: string;
  readonly severity: "Error" | "Warning";
}

export interface ManifestTree {
  /** Manifests in path order. */
  readonly files: RepoFile[];
  readonly problems: TreeProblem[];
}

const MODE_TREE = "040000";
const MODE_SYMLINK = "120000";
const MODE_SUBMODULE = "160000";
const MODE_FILE = "100644";

const READ_CONCURRENCY = 8;

export const isManifest = (name: string) => /\.ya?ml$/i.test(name);

/**
 * The folder spec.path names, as path segments from the root. Leading `./` and `/` are accepted
 * (Flux writes `./templates`); `..` is refused outright rather than resolved, so a path can never
 * name anything outside the repository.
 */
export function pathSegments(path: string | undefined): string[] {
  const parts = (path ?? ".").split("/").filter((p) => p !== "" && p !== ".");
  if (parts.includes("..")) {
    throw new SyncError("InvalidSpec", `spec.path ${JSON.stringify(path)} must not contain '..'`);
  }
  return parts;
}

function size(bytes: number): string {
  return bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

/**
 * One tree's entries. isomorphic-git refuses a tree holding a name git itself forbids (`..`, `.git`,
 * a slash), which only a hand-made hostile tree contains; such a revision is not used at all.
 */
async function readTree(gitdir: string, oid: string, folder: string, cache: object) {
  try {
    return (await git.readTree({ fs, gitdir, oid, cache })).tree;
  } catch (err) {
    if (!(err instanceof Errors.UnsafeFilepathError)) throw err;
    throw new SyncError(
      "UnsafePath",
      `'${folder || "."}' holds an entry named ${JSON.stringify(err.data.filepath)}, which git forbids because a checkout would write outside its folder; nothing from this revision is applied`,
    );
  }
}

type TreeEntry = Awaited<ReturnType<typeof readTree>>[number];

/**
 * Adds the patterns of the folder's `.sourceignore`, if it has one (a regular file no larger than a
 * manifest may be; anything else is not read).
 */
async function addIgnoreFile(
  rules: IgnoreRules,
  tree: readonly TreeEntry[],
  folder: string,
  opts: { gitdir: string; cache: object; maxBytes: number },
): Promise<void> {
  const entry = tree.find((e) => e.path === IGNORE_FILE && e.mode === MODE_FILE);
  if (!entry) return;
  const { blob } = await git.readBlob({ fs, gitdir: opts.gitdir, oid: entry.oid, cache: opts.cache });
  if (blob.length <= opts.maxBytes) rules.add(folder, new TextDecoder().decode(blob));
}

/**
 * Reads the manifests under `path` of `commit` straight from the git object store. Nothing is
 * checked out, so a symlink is an entry like any other and is never followed, and a hostile name
 * (`..`) never reaches the file system. Bounded by `limits`: a large file is skipped and
 * reported, too many files or bytes fail the whole read. What Flux skips is skipped too: CI folders and
 * files, and whatever `.sourceignore` files in the repository list (docs/decisions/0043).
 */
export async function readManifests(opts: {
  gitdir: string;
  commit: string;
  path: string | undefined;
  limits: TreeLimits;
  /**
   * The size of a blob the caller has already parsed (from an earlier revision), which is then
   * listed but not read; undefined for blobs to read.
   */
  known?: (file: { path: string; oid: string }) => number | undefined;
}): Promise<ManifestTree> {
  const { gitdir, limits } = opts;
  const cache = {};
  const segments = pathSegments(opts.path);
  const shownPath = segments.join("/") || ".";

  const rules = new IgnoreRules();
  const ignoreOpts = { gitdir, cache, maxBytes: limits.maxFileBytes };
  let treeOid = (await git.readCommit({ fs, gitdir, oid: opts.commit, cache })).commit.tree;
  for (let i = 0; i < segments.length; i++) {
    const tree = await readTree(gitdir, treeOid, segments.slice(0, i).join("/"), cache);
    await addIgnoreFile(rules, tree, segments.slice(0, i).join("/"), ignoreOpts);
    const entry = tree.find((e) => e.path === segments[i]);
    const sofar = segments.slice(0, i + 1).join("/");
    if (!entry) throw new SyncError("PathNotFound", `spec.path '${shownPath}' does not exist at this commit`);
    if (entry.mode === MODE_SYMLINK) {
      throw new SyncError("InvalidSpec", `spec.path: '${sofar}' is a symlink; symlinks are not followed`);
    }
    if (entry.mode !== MODE_TREE)
      throw new SyncError("PathNotFound", `spec.path: '${sofar}' is not a folder`);
    treeOid = entry.oid;
  }

  // Trees first, blobs after: the entry count is known before any file is read, so a repository of
  // 10,000 files is refused after reading a few trees, not 5,000 blobs.
  const problems: TreeProblem[] = [];
  const manifests: Array<{ oid: string; file: string }> = [];
  let entries = 0;
  const pending: Array<{ oid: string; prefix: string }> = [{ oid: treeOid, prefix: segments.join("/") }];
  while (pending.length > 0) {
    const { oid, prefix } = pending.shift() as { oid: string; prefix: string };
    const tree = await readTree(gitdir, oid, prefix, cache);
    entries += tree.length;
    if (entries > limits.maxFiles) {
      throw new SyncError(
        "LimitExceeded",
        `'${shownPath}' holds more than ${limits.maxFiles} files and folders; point spec.path at a smaller folder`,
      );
    }
    await addIgnoreFile(rules, tree, prefix, ignoreOpts);
    for (const entry of tree) {
      const name = entry.path;
      const file = prefix ? `${prefix}/${name}` : name;
      if (rules.ignores(entry.mode === MODE_TREE ? `${file}/` : file)) continue;
      if (entry.mode === MODE_TREE) {
        pending.push({ oid: entry.oid, prefix: file });
      } else if (entry.mode === MODE_SYMLINK) {
        problems.push({
          file,
          message: "is a symlink; symlinks are not followed",
          severity: isManifest(name) ? "Error" : "Warning",
        });
      } else if (entry.mode === MODE_SUBMODULE) {
        problems.push({
          file,
          message: "is a git submodule; submodules are not fetched",
          severity: "Warning",
        });
      } else if (isManifest(name)) {
        manifests.push({ oid: entry.oid, file });
      }
    }
  }

  const files: RepoFile[] = [];
  let total = 0;
  let next = 0;
  const reader = async () => {
    while (next < manifests.length) {
      const { oid, file } = manifests[next++] as { oid: string; file: string };
      const knownSize = opts.known?.({ path: file, oid });
      const blob =
        knownSize === undefined ? (await git.readBlob({ fs, gitdir, oid, cache })).blob : undefined;
      const bytes = blob?.length ?? (knownSize as number);
      if (bytes > limits.maxFileBytes) {
        problems.push({
          file,
          message: `is ${size(bytes)}; files over ${size(limits.maxFileBytes)} are skipped`,
          severity: "Error",
        });
        continue;
      }
      total += bytes;
      if (total > limits.maxTotalBytes) {
        throw new SyncError(
          "LimitExceeded",
          `the manifests under '${shownPath}' exceed ${size(limits.maxTotalBytes)} in total`,
        );
      }
      files.push({ path: file, oid, bytes, ...(blob ? { content: blob } : {}) });
    }
  };
  // Reading blobs is mostly waiting on the file system; a few at once cut the wall time.
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, manifests.length) }, reader));
  const byPath = (a: { file: string }, b: { file: string }) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
  problems.sort(byPath);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, problems };
}
