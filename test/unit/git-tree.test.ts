import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { fetchRevision } from "../../src/git/fetch.js";
import { readManifests, type TreeLimits } from "../../src/git/tree.js";
import { type GitServer, startGitServer } from "../support/git-server.js";

// Hostile trees, committed with real git and read back through a real fetch.
let server: GitServer;
const cacheRoot = mkdtempSync(join(tmpdir(), "git-tree-"));
const limits: TreeLimits = { maxFiles: 100, maxFileBytes: 64 * 1024, maxTotalBytes: 2 ** 20 };
let n = 0;

async function repoWith(setup: (repo: Awaited<ReturnType<GitServer["createRepo"]>>) => Promise<unknown>) {
  const repo = await server.createRepo(`r${n++}`);
  await setup(repo);
  const gitdir = join(cacheRoot, repo.name);
  const { commit } = await fetchRevision({
    gitdir,
    url: repo.url,
    ref: {},
    timeoutMs: 10_000,
    maxBytes: 2 ** 27,
  });
  return (path: string, l: TreeLimits = limits) => readManifests({ gitdir, commit, path, limits: l });
}

beforeAll(async () => {
  server = await startGitServer();
});
afterAll(async () => {
  await server.close();
  rmSync(cacheRoot, { recursive: true, force: true });
});

test("only *.yaml/*.yml under the path are read, in path order; other files are not read at all", async () => {
  const read = await repoWith((r) =>
    r
      .write({
        "templates/b.yml": "b: 1\n",
        "templates/sub/a.yaml": "a: 1\n",
        "templates/logo.png": randomBytes(200),
        "templates/README.md": "# hi\n",
        "other/c.yaml": "c: 1\n",
      })
      .commit(),
  );
  const { files, problems } = await read("./templates/");
  expect(files.map((f) => f.path)).toEqual(["templates/b.yml", "templates/sub/a.yaml"]);
  expect(problems).toEqual([]);
});

test("symlinks are reported and never followed, whether they point inside or outside the checkout", async () => {
  const read = await repoWith((r) =>
    r
      .write({ "t/real.yaml": "a: 1\n" })
      .symlink("t/passwd.yaml", "/etc/passwd")
      .symlink("t/escape", "../../..")
      .symlink("t/inside.yaml", "real.yaml")
      .commit(),
  );
  const { files, problems } = await read("t");
  expect(files.map((f) => f.path)).toEqual(["t/real.yaml"]);
  expect(problems).toEqual(
    expect.arrayContaining([
      { file: "t/passwd.yaml", message: "is a symlink; symlinks are not followed", severity: "Error" },
      { file: "t/inside.yaml", message: "is a symlink; symlinks are not followed", severity: "Error" },
      { file: "t/escape", message: "is a symlink; symlinks are not followed", severity: "Warning" },
    ]),
  );
});

test("a spec.path that is a symlink, contains '..', or does not exist is refused", async () => {
  const read = await repoWith((r) => r.write({ "t/a.yaml": "a: 1\n" }).symlink("link", "/etc").commit());
  await expect(read("link")).rejects.toMatchObject({
    reason: "InvalidSpec",
    message: expect.stringContaining("symlink"),
  });
  await expect(read("t/../../etc")).rejects.toMatchObject({
    reason: "InvalidSpec",
    message: expect.stringContaining("'..'"),
  });
  await expect(read("missing")).rejects.toMatchObject({ reason: "PathNotFound" });
  await expect(read("t/a.yaml")).rejects.toMatchObject({
    reason: "PathNotFound",
    message: expect.stringContaining("not a folder"),
  });
});

test("a tree entry named '..' makes the revision unusable, reported, and nothing is read", async () => {
  const read = await repoWith((r) =>
    r.commitRawTree([
      ["100644", "..", "kind: Template\n"],
      ["100644", "ok.yaml", "kind: Template\n"],
    ]),
  );
  await expect(read(".")).rejects.toMatchObject({
    reason: "UnsafePath",
    message: expect.stringContaining('entry named ".."'),
  });
});

test("a 12 MiB manifest is skipped and reported; the other files are read", async () => {
  const read = await repoWith((r) =>
    r.write({ "t/huge.yaml": Buffer.alloc(12 * 2 ** 20, "a"), "t/small.yaml": "a: 1\n" }).commit(),
  );
  const { files, problems } = await read("t", { ...limits, maxFileBytes: 2 ** 20 });
  expect(files.map((f) => f.path)).toEqual(["t/small.yaml"]);
  expect(problems).toEqual([
    { file: "t/huge.yaml", message: "is 12.0 MiB; files over 1.0 MiB are skipped", severity: "Error" },
  ]);
}, 60_000);

test("10,000 files under the path exceed the file limit: the read fails, naming the limit", async () => {
  const read = await repoWith((r) =>
    r.commitRawTree(Array.from({ length: 10_000 }, (_, i) => ["100644", `t${i}.yaml`, "kind: Template\n"])),
  );
  await expect(read(".", { ...limits, maxFiles: 5000 })).rejects.toMatchObject({
    reason: "LimitExceeded",
    message: expect.stringContaining("more than 5000 files"),
  });
}, 60_000);

test("manifests that add up past the total limit fail the read", async () => {
  const read = await repoWith((r) =>
    r
      .write(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`t/f${i}.yaml`, "x".repeat(60_000)])))
      .commit(),
  );
  await expect(read("t")).rejects.toMatchObject({
    reason: "LimitExceeded",
    message: expect.stringContaining("in total"),
  });
});
