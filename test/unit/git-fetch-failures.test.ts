import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { fetchRevision } from "../../src/git/fetch.js";
import { type GitServer, startGitServer, type TestRepo } from "../support/git-server.js";

let server: GitServer;
let repo: TestRepo;
const cacheRoot = mkdtempSync(join(tmpdir(), "git-fail-"));
let n = 0;
const fetchFrom = (url: string, opts: { timeoutMs?: number; maxBytes?: number } = {}) =>
  fetchRevision({
    gitdir: join(cacheRoot, String(n++)),
    url,
    ref: {},
    timeoutMs: opts.timeoutMs ?? 10_000,
    maxBytes: opts.maxBytes ?? 2 ** 26,
  });

beforeAll(async () => {
  server = await startGitServer();
  repo = await server.createRepo("templates");
  repo.write({ "a.yaml": "a: 1\n" });
  await repo.commit();
});
afterAll(async () => {
  await server.close();
  rmSync(cacheRoot, { recursive: true, force: true });
});

test("a server that accepts the connection and never answers is given up on at the timeout", async () => {
  server.hang = true;
  const started = Date.now();
  try {
    await expect(fetchFrom(repo.url, { timeoutMs: 1000 })).rejects.toMatchObject({
      reason: "FetchFailed",
      message: `${new URL(repo.url).origin} did not answer within 1s`,
    });
    expect(Date.now() - started).toBeLessThan(5000);
  } finally {
    server.hang = false;
  }
});

test("a server that is down is FetchFailed, connection refused", async () => {
  const url = repo.url;
  await server.stop();
  try {
    await expect(fetchFrom(url)).rejects.toMatchObject({
      reason: "FetchFailed",
      message: expect.stringContaining("refused the connection"),
    });
  } finally {
    await server.start();
  }
});

test("a repository that does not exist is FetchFailed with HTTP 404", async () => {
  await expect(fetchFrom(`${server.url}/missing.git`)).rejects.toMatchObject({
    reason: "FetchFailed",
    message: expect.stringContaining("HTTP 404"),
  });
});

test("a download larger than the limit is stopped and reported as LimitExceeded", async () => {
  const big = await server.createRepo("big");
  big.write({ "blob.bin": randomBytes(3 * 2 ** 20) });
  await big.commit();
  await expect(fetchFrom(big.url, { maxBytes: 2 ** 20 })).rejects.toMatchObject({
    reason: "LimitExceeded",
    message: expect.stringContaining("more than 1 MiB"),
  });
});

test("a decompression bomb (an object that inflates far past its size on the wire) is refused unread", async () => {
  const bomb = await server.createRepo("bomb");
  await bomb.write({ "zeros.bin": Buffer.alloc(48 * 2 ** 20) }).commit();
  const gitdir = join(cacheRoot, String(n++));
  const fetching = fetchRevision({
    gitdir,
    url: bomb.url,
    ref: {},
    timeoutMs: 30_000,
    maxBytes: 2 ** 20,
    maxObjectBytes: 4 * 2 ** 20,
  });
  await expect(fetching).rejects.toMatchObject({
    reason: "LimitExceeded",
    message: "the repository holds an object of 48.0 MiB; objects over 4.0 MiB are refused",
  });
}, 30_000);

test("an ssh URL is refused before any connection", async () => {
  await expect(fetchFrom("git@github.com:org/templates.git")).rejects.toMatchObject({
    reason: "InvalidSpec",
  });
});
