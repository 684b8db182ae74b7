// The git server goes away: the repository reports it, nothing is pruned, and it recovers by itself.
import { expect, test } from "vitest";
import { names, readyCondition, templateYaml, useSyncHarness } from "./repository-harness.js";

const h = useSyncHarness();

test("server down → Failed (FetchFailed), nothing pruned; back up → synced again at the next interval", async () => {
  const { server } = h.current;
  const repo = await server.createRepo("flaky");
  const first = await repo
    .write({ "a.yaml": templateYaml("alpha"), "b.yaml": templateYaml("beta") })
    .commit();
  await h.current.applyRepository("flaky", { url: repo.url, interval: "2s" });
  await h.current.waitForStatus("flaky", (s) => s.phase === "Ready" && s.templateCount === 2);

  // A push that deletes a Template, which the cluster must not act on while the server is unreachable.
  const second = await repo.write({ "b.yaml": null }).commit();
  await server.stop();
  const down = await h.current.waitForStatus("flaky", (s) => s.phase === "Failed");
  expect(readyCondition(down)).toMatchObject({ status: "False", reason: "FetchFailed" });
  expect(readyCondition(down)?.message).toContain("refused the connection");
  expect(down.revision).toBe(`main@sha1:${first}`);
  expect(down.templateCount).toBe(2);
  // Several intervals later, still nothing pruned.
  await new Promise((r) => setTimeout(r, 4500));
  expect(names(await h.current.templates())).toEqual(["alpha", "beta"]);
  expect((await h.current.repository("flaky")).status?.phase).toBe("Failed");

  await server.start();
  const back = await h.current.waitForStatus("flaky", (s) => s.phase === "Ready", "recovery", 20_000);
  expect(back.revision).toBe(`main@sha1:${second}`);
  expect(readyCondition(back)).toMatchObject({ status: "True", reason: "Succeeded" });
  expect(names(await h.current.templates())).toEqual(["alpha"]);
});
