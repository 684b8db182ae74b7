// A fetch timeout longer than a Node timer can hold (2^31-1 ms, about 596 h) still bounds the fetch
// instead of aborting it after 1 ms, which is what Node does with such a timer.
import * as fs from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { fetchRevision } from "../../src/git/fetch.js";
import { type GitServer, startGitServer, type TestRepo } from "../support/git-server.js";

let server: GitServer;
let repo: TestRepo;
const cacheRoot = fs.mkdtempSync(join(tmpdir(), "git-fetch-long-"));

beforeAll(async () => {
  server = await startGitServer();
  repo = await server.createRepo("templates");
});
afterAll(async () => {
  await server.close();
  fs.rmSync(cacheRoot, { recursive: true, force: true });
});

test("a fetch with a 700 h timeout completes", async () => {
  repo.write({ "a.yaml": "a: 1\n" });
  const commit = await repo.commit("first");
  const got = await fetchRevision({
    gitdir: join(cacheRoot, "cache"),
    url: repo.url,
    ref: {},
    timeoutMs: 700 * 3_600_000,
    maxBytes: 2 ** 26,
  });
  expect(got.commit).toBe(commit);
});
