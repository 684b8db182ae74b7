import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import git from "isomorphic-git";
import { afterAll, beforeAll, expect, test } from "vitest";
import { fetchRevision } from "../../src/git/fetch.js";
import { type GitServer, startGitServer, type TestRepo } from "../support/git-server.js";

let server: GitServer;
let repo: TestRepo;
const cacheRoot = mkdtempSync(join(tmpdir(), "git-fetch-"));
let caches = 0;
const newCache = () => join(cacheRoot, `cache-${caches++}`);
const options = (gitdir: string, ref = {}) => ({
  gitdir,
  url: repo.url,
  ref,
  timeoutMs: 10_000,
  maxBytes: 2 ** 26,
});

beforeAll(async () => {
  server = await startGitServer();
  repo = await server.createRepo("templates");
});
afterAll(async () => {
  await server.close();
  fs.rmSync(cacheRoot, { recursive: true, force: true });
});

const hasCommit = (gitdir: string, oid: string) =>
  git.readCommit({ fs, gitdir, oid }).then(
    () => true,
    () => false,
  );

const packSizes = (gitdir: string) =>
  fs
    .readdirSync(join(gitdir, "objects/pack"))
    .filter((f) => f.endsWith(".pack"))
    .map((f) => fs.statSync(join(gitdir, "objects/pack", f)).size);

test("the first fetch is a shallow clone of the branch tip; the next one downloads only what changed", async () => {
  const many = Object.fromEntries(
    Array.from({ length: 50 }, (_, i) => [
      `t/${i}.yaml`,
      `name: t${i}\n${randomBytes(600).toString("hex")}\n`,
    ]),
  );
  repo.write({ "a.yaml": "a: 1\n", ...many });
  const first = await repo.commit("first");
  repo.write({ "b.yaml": "b: 1\n" });
  const second = await repo.commit("second");
  const gitdir = newCache();

  const got = await fetchRevision(options(gitdir));
  expect(got).toEqual({ commit: second, revision: `main@sha1:${second}`, downloaded: true });
  expect(await hasCommit(gitdir, first)).toBe(false);

  repo.write({ "c.yaml": "c: 1\n" });
  const third = await repo.commit("third");
  server.requests.length = 0;
  const next = await fetchRevision(options(gitdir));
  expect(next).toMatchObject({ commit: third, downloaded: true });
  expect(server.requests).toEqual([
    "GET /templates.git/info/refs",
    "GET /templates.git/info/refs",
    "POST /templates.git/git-upload-pack",
  ]);
  const [clone, update] = packSizes(gitdir).sort((a, b) => b - a);
  expect(clone).toBeGreaterThan(30_000);
  expect(update).toBeLessThan(2_000);
});

test("an unchanged branch costs one ref listing and downloads nothing", async () => {
  const gitdir = newCache();
  await fetchRevision(options(gitdir));
  server.requests.length = 0;
  const again = await fetchRevision(options(gitdir));
  expect(again.downloaded).toBe(false);
  expect(server.requests).toEqual(["GET /templates.git/info/refs"]);
});

test("a tag, annotated or not, resolves to the commit it names; the revision carries the tag name", async () => {
  const tagged = await repo.head();
  await repo.tag("v1.0", { annotated: true });
  await repo.tag("light");
  repo.write({ "d.yaml": "d: 1\n" });
  await repo.commit("after the tags");
  expect(await fetchRevision(options(newCache(), { tag: "v1.0" }))).toMatchObject({
    commit: tagged,
    revision: `v1.0@sha1:${tagged}`,
  });
  expect((await fetchRevision(options(newCache(), { tag: "light" }))).commit).toBe(tagged);
});

test("another branch is fetched by name", async () => {
  repo.write({ "e.yaml": "e: 1\n" });
  const onDev = await repo.commit("on dev", "dev");
  expect(await fetchRevision(options(newCache(), { branch: "dev" }))).toMatchObject({
    commit: onDev,
    revision: `dev@sha1:${onDev}`,
  });
});

test("a pinned commit is fetched by id once, then served from the cache without asking the server", async () => {
  const pinned = await repo.head();
  repo.write({ "f.yaml": "f: 1\n" });
  await repo.commit("later");
  const gitdir = newCache();
  expect(await fetchRevision(options(gitdir, { commit: pinned }))).toEqual({
    commit: pinned,
    revision: `sha1:${pinned}`,
    downloaded: true,
  });
  server.requests.length = 0;
  expect((await fetchRevision(options(gitdir, { commit: pinned }))).downloaded).toBe(false);
  expect(server.requests).toEqual([]);
});

test("a commit the repository does not have, and a branch it does not have, are named in the error", async () => {
  await expect(fetchRevision(options(newCache(), { commit: "0".repeat(40) }))).rejects.toMatchObject({
    reason: "FetchFailed",
    message: expect.stringContaining(`commit ${"0".repeat(40)}`),
  });
  await expect(fetchRevision(options(newCache(), { branch: "nope" }))).rejects.toMatchObject({
    reason: "FetchFailed",
    message: `branch 'nope' not found in ${repo.url}`,
  });
});
