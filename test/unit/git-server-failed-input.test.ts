// The test git server's helper survives a git command that exits before reading all of its input:
// the failure is reported as git's error, and no stray EPIPE ends the test run.
import { afterAll, beforeAll, expect, test } from "vitest";
import { GitServer, type TestRepo } from "../support/git-server.js";

let server: GitServer;
let repo: TestRepo;

beforeAll(async () => {
  server = await new GitServer().start();
  repo = await server.createRepo("epipe");
});
afterAll(() => server.close());

test("a raw tree that git mktree refuses on its first line rejects with git's message", async () => {
  // The first entry is refused at once; the 20,000 after it overflow the pipe while git has already exited.
  const entries: Array<[string, string, string]> = [["100644", "a/b", "x"]];
  for (let i = 0; i < 20_000; i++) entries.push(["100644", `file-${i}.yaml`, "x"]);
  await expect(repo.commitRawTree(entries)).rejects.toThrow(/mktree/);
});
