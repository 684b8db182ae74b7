// A git server that accepts connections and never answers holds one sync until the repository's
// timeout; the other repositories keep syncing meanwhile.
import { afterAll, beforeAll, expect, test } from "vitest";
import { type GitServer, startGitServer } from "../support/git-server.js";
import { names, readyCondition, templateYaml, useSyncHarness } from "./repository-harness.js";

const h = useSyncHarness();
let tarpit: GitServer;

beforeAll(async () => {
  tarpit = await startGitServer();
  tarpit.hang = true;
});
afterAll(async () => {
  await tarpit.close();
});

test("a repository that never answers fails at its timeout while another syncs and takes pushes", async () => {
  await h.current.applyRepository("tarpit", {
    url: `${tarpit.url}/slow.git`,
    timeout: "20s",
    interval: "1h",
  });
  const repo = await h.current.server.createRepo("healthy");
  await repo.write({ "a.yaml": templateYaml("alpha") }).commit();
  const started = Date.now();
  await h.current.applyRepository("healthy", { url: repo.url, interval: "1h" });

  await h.current.waitForStatus("healthy", (s) => s.phase === "Ready");
  const commit = await repo.write({ "b.yaml": templateYaml("beta") }).commit();
  await h.current.requestSync("healthy");
  await h.current.waitForStatus("healthy", (s) => s.revision === `main@sha1:${commit}`);
  expect(Date.now() - started).toBeLessThan(15_000);
  expect((await h.current.repository("tarpit")).status?.phase).not.toBe("Failed");

  const status = await h.current.waitForStatus("tarpit", (s) => s.phase === "Failed", "the timeout", 40_000);
  expect(readyCondition(status)).toMatchObject({
    reason: "FetchFailed",
    message: `${tarpit.url} did not answer within 20s`,
  });
  expect(names(await h.current.templates())).toEqual(["alpha", "beta"]);
});
