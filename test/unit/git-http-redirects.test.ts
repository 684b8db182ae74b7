import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { fetchRevision } from "../../src/git/fetch.js";
import { type GitServer, startGitServer } from "../support/git-server.js";

// A moved repository answers with a redirect, as hosts do after a rename.
let server: GitServer;
let redirector: http.Server;
let redirectorUrl: string;
let location: (path: string) => string;
const seenAuth: Array<string | undefined> = [];
const cacheRoot = mkdtempSync(join(tmpdir(), "git-redirect-"));
let n = 0;

beforeAll(async () => {
  server = await startGitServer();
  const repo = await server.createRepo("moved");
  await repo.write({ "a.yaml": "a: 1\n" }).commit();
  redirector = http.createServer((req, res) => {
    seenAuth.push(req.headers.authorization);
    res.writeHead(301, { location: location(req.url ?? "/") }).end();
  });
  await new Promise<void>((resolve) => redirector.listen(0, "127.0.0.1", resolve));
  redirectorUrl = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => redirector.close(() => resolve()));
  await server.close();
  rmSync(cacheRoot, { recursive: true, force: true });
});

const fetchOld = (credentials?: { username: string; password: string }) =>
  fetchRevision({
    gitdir: join(cacheRoot, String(n++)),
    url: `${redirectorUrl}/old.git`,
    ref: {},
    credentials,
    timeoutMs: 10_000,
    maxBytes: 2 ** 24,
  });

test("a redirect to another origin is followed, without the credentials", async () => {
  location = (path) => `${server.url}${path.replace("/old.git", "/moved.git")}`;
  server.auth = { username: "alice", password: "pw" };
  seenAuth.length = 0;
  await expect(fetchOld({ username: "alice", password: "pw" })).rejects.toMatchObject({
    reason: "AuthenticationFailed",
  });
  expect(seenAuth[0]).toMatch(/^Basic /);
  server.auth = undefined;
  expect((await fetchOld({ username: "alice", password: "pw" })).downloaded).toBe(true);
});

test("a redirect to a non-http scheme is refused", async () => {
  location = () => "file:///etc/passwd";
  await expect(fetchOld()).rejects.toMatchObject({
    reason: "FetchFailed",
    message: expect.stringContaining("refusing a redirect"),
  });
});

test("a redirect loop ends after five redirects", async () => {
  location = (path) => `${redirectorUrl}${path}`;
  await expect(fetchOld()).rejects.toMatchObject({
    reason: "FetchFailed",
    message: expect.stringContaining("more than 5 redirects"),
  });
});
