// Suspending a repository freezes its Templates; deleting it deletes them (when it prunes).
import { expect, test } from "vitest";
import { kubectl, waitFor } from "../support/kube.js";
import { names, templateYaml, useSyncHarness } from "./repository-harness.js";

const h = useSyncHarness();

test("a suspended repository ignores pushes until resumed", async () => {
  const repo = await h.current.server.createRepo("paused");
  await repo.write({ "a.yaml": templateYaml("alpha") }).commit();
  await h.current.applyRepository("paused", { url: repo.url, interval: "1s" });
  await h.current.waitForStatus("paused", (s) => s.phase === "Ready");

  await h.current.applyRepository("paused", { url: repo.url, interval: "1s", suspend: true });
  const pushed = await repo.write({ "b.yaml": templateYaml("beta") }).commit();
  await new Promise((r) => setTimeout(r, 3000));
  expect((await h.current.repository("paused")).status?.revision).not.toBe(`main@sha1:${pushed}`);
  expect(names(await h.current.templates())).toEqual(["alpha"]);

  await h.current.applyRepository("paused", { url: repo.url, interval: "1s", suspend: false });
  await h.current.waitForStatus("paused", (s) => s.revision === `main@sha1:${pushed}`);
  expect(names(await h.current.templates())).toEqual(["alpha", "beta"]);
});

test("deleting a pruning repository deletes its Templates; one with prune: false leaves them", async () => {
  const pruning = await h.current.server.createRepo("pruning");
  await pruning.write({ "p.yaml": templateYaml("pruned-with-repo") }).commit();
  const keeping = await h.current.server.createRepo("keeping");
  await keeping.write({ "k.yaml": templateYaml("kept-after-repo") }).commit();
  await h.current.applyRepository("pruning", { url: pruning.url });
  await h.current.applyRepository("keeping", { url: keeping.url, prune: false });
  await h.current.waitForStatus("pruning", (s) => s.phase === "Ready");
  await h.current.waitForStatus("keeping", (s) => s.phase === "Ready");

  await kubectl(["delete", "templaterepository", "pruning", "keeping", "-n", h.current.namespace]);
  await waitFor(async () => !(await h.current.templates()).has("pruned-with-repo"), {
    what: "the garbage collector to delete the Templates of the deleted repository",
    timeoutMs: 60_000,
  });
  expect((await h.current.templates()).has("kept-after-repo")).toBe(true);
});
