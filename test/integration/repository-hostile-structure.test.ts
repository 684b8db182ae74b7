// Revisions that cannot be used at all (a '..' entry, 10,000 files) fail the sync without touching
// what the last good revision applied; a path that escapes the repository is refused outright.
import { expect, test } from "vitest";
import type { TestRepo } from "../support/git-server.js";
import { names, readyCondition, templateYaml, useSyncHarness } from "./repository-harness.js";

const h = useSyncHarness({ limits: { maxFiles: 5000 } });

async function syncedRepo(name: string): Promise<TestRepo> {
  const repo = await h.current.server.createRepo(name);
  await repo
    .write({
      [`${name}-one.yaml`]: templateYaml(`${name}-one`),
      [`${name}-two.yaml`]: templateYaml(`${name}-two`),
    })
    .commit();
  await h.current.applyRepository(name, { url: repo.url, interval: "1h" });
  await h.current.waitForStatus(name, (s) => s.phase === "Ready" && s.templateCount === 2);
  return repo;
}

test("a tree entry named '..' → Failed (UnsafePath); the Templates of the last good revision stay", async () => {
  const repo = await syncedRepo("dotdot");
  const good = (await h.current.repository("dotdot")).status?.revision;
  await repo.commitRawTree([
    ["100644", "..", templateYaml("escaped")],
    ["100644", "dotdot-one.yaml", templateYaml("dotdot-one")],
  ]);
  await h.current.requestSync("dotdot");
  const status = await h.current.waitForStatus("dotdot", (s) => s.phase === "Failed");
  expect(readyCondition(status)).toMatchObject({
    reason: "UnsafePath",
    message: expect.stringContaining('".."'),
  });
  expect(status.revision).toBe(good);
  expect(names(await h.current.templates()).filter((n) => n.startsWith("dotdot"))).toEqual([
    "dotdot-one",
    "dotdot-two",
  ]);
});

test("10,000 files → Failed (LimitExceeded) naming the limit; nothing applied or pruned", async () => {
  const repo = await syncedRepo("flood");
  await repo.commitRawTree(
    Array.from({ length: 10_000 }, (_, i) => ["100644", `t${i}.yaml`, templateYaml("flood-many")]),
  );
  await h.current.requestSync("flood");
  const status = await h.current.waitForStatus("flood", (s) => s.phase === "Failed", "the limit", 90_000);
  expect(readyCondition(status)).toMatchObject({
    reason: "LimitExceeded",
    message: expect.stringContaining("more than 5000 files"),
  });
  expect(names(await h.current.templates()).filter((n) => n.startsWith("flood"))).toEqual([
    "flood-one",
    "flood-two",
  ]);
}, 120_000);

test("spec.path with '..' → Failed and Stalled (InvalidSpec)", async () => {
  await h.current.applyRepository("escape", { url: `${h.current.server.url}/dotdot.git`, path: "../../etc" });
  const status = await h.current.waitForStatus("escape", (s) => s.phase === "Failed");
  expect(readyCondition(status)).toMatchObject({ reason: "InvalidSpec" });
  expect(status.conditions?.find((c) => c.type === "Stalled")).toMatchObject({
    status: "True",
    reason: "InvalidSpec",
  });
});
