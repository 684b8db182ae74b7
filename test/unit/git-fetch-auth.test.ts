import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type Credentials, fetchRevision } from "../../src/git/fetch.js";
import { type GitServer, startGitServer, type TestRepo } from "../support/git-server.js";

let server: GitServer;
let repo: TestRepo;
let head: string;
const cacheRoot = mkdtempSync(join(tmpdir(), "git-auth-"));
let n = 0;
const fetchWith = (credentials?: Credentials) =>
  fetchRevision({
    gitdir: join(cacheRoot, String(n++)),
    url: repo.url,
    ref: {},
    credentials,
    timeoutMs: 10_000,
    maxBytes: 2 ** 26,
  });

beforeAll(async () => {
  server = await startGitServer();
  repo = await server.createRepo("private");
  repo.write({ "a.yaml": "a: 1\n" });
  head = await repo.commit();
});
afterAll(async () => {
  await server.close();
  rmSync(cacheRoot, { recursive: true, force: true });
});

test("basic auth: the right username and password fetch; a wrong password is AuthenticationFailed", async () => {
  server.auth = { username: "alice", password: "correct horse" };
  expect((await fetchWith({ username: "alice", password: "correct horse" })).commit).toBe(head);
  await expect(fetchWith({ username: "alice", password: "battery staple" })).rejects.toMatchObject({
    reason: "AuthenticationFailed",
    message: expect.stringContaining("refused the credentials from spec.secretRef (HTTP 401)"),
  });
});

test("token auth: a bearer token fetches; a wrong one is AuthenticationFailed", async () => {
  server.auth = { token: "ghp_0123456789" };
  expect((await fetchWith({ token: "ghp_0123456789" })).commit).toBe(head);
  await expect(fetchWith({ token: "ghp_expired" })).rejects.toMatchObject({ reason: "AuthenticationFailed" });
});

test("no credentials for a private repository says which field to set", async () => {
  server.auth = { username: "alice", password: "correct horse" };
  await expect(fetchWith()).rejects.toMatchObject({
    reason: "AuthenticationFailed",
    message: expect.stringContaining("requires credentials (HTTP 401); name a Secret in spec.secretRef"),
  });
});

test("an error never shows the password", async () => {
  server.auth = { username: "alice", password: "correct horse" };
  const err = await fetchWith({ username: "alice", password: "s3cr3t-pw" }).catch((e: Error) => e);
  expect(String((err as Error).message)).not.toContain("s3cr3t-pw");
});
