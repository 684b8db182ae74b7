/**
 * A repository read skips what Flux skips: CI folders and files (a workflow is YAML, never a Template)
 * and what `.sourceignore` files list, in gitignore syntax, each scoped to its folder, deeper ones and
 * later `!patterns` overriding.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { fetchRevision } from "../../src/git/fetch.js";
import { readManifests } from "../../src/git/tree.js";
import { type GitServer, startGitServer } from "../support/git-server.js";

let server: GitServer;
const cacheRoot = mkdtempSync(join(tmpdir(), "sourceignore-"));
beforeAll(async () => {
  server = await startGitServer();
});
afterAll(async () => {
  await server.close();
  rmSync(cacheRoot, { recursive: true, force: true });
});

/** The manifest paths a read of `path` finds in a repository holding `files`. */
async function manifestsOf(name: string, files: Record<string, string>, path = "."): Promise<string[]> {
  const repo = await server.createRepo(name);
  await repo.write(files).commit();
  const gitdir = join(cacheRoot, name);
  const { commit } = await fetchRevision({
    gitdir,
    url: repo.url,
    ref: {},
    timeoutMs: 10_000,
    maxBytes: 2 ** 26,
  });
  const limits = { maxFiles: 100, maxFileBytes: 64 * 1024, maxTotalBytes: 2 ** 20 };
  const { files: read, problems } = await readManifests({ gitdir, commit, path, limits });
  expect(problems).toEqual([]);
  return read.map((f) => f.path);
}

const yaml = "a: 1\n";

test("CI folders and files are skipped wherever they are", async () => {
  const found = await manifestsOf("ci", {
    ".github/workflows/ci.yml": yaml,
    ".circleci/config.yml": yaml,
    ".gitlab-ci.yml": yaml,
    "templates/.travis.yml": yaml,
    "templates/cloudbuild.yaml": yaml,
    "templates/.sops.yaml": yaml,
    "templates/firefox.yaml": yaml,
  });
  expect(found).toEqual(["templates/firefox.yaml"]);
});

test("a .sourceignore at the root applies below it, also when spec.path names a subfolder", async () => {
  const files = {
    ".sourceignore": "# drafts are not published\ndrafts/\n*.draft.yaml\n",
    "templates/drafts/x.yaml": yaml,
    "templates/next.draft.yaml": yaml,
    "templates/firefox.yaml": yaml,
  };
  expect(await manifestsOf("root-ignore", files)).toEqual(["templates/firefox.yaml"]);
  expect(await manifestsOf("root-ignore-path", files, "templates")).toEqual(["templates/firefox.yaml"]);
});

test("a deeper .sourceignore is scoped to its folder and can re-include with !", async () => {
  const found = await manifestsOf("nested", {
    ".sourceignore": "*.yaml\n!templates/\n",
    "top.yaml": yaml,
    "templates/.sourceignore": "!*.yaml\nold/\n",
    "templates/firefox.yaml": yaml,
    "templates/old/gimp.yaml": yaml,
    "other/x.yaml": yaml,
  });
  expect(found).toEqual(["templates/firefox.yaml"]);
});
