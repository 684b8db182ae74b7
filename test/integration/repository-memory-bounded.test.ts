// A repository cannot take the reconciler's memory: one 60 MiB file that compresses to almost
// nothing (within the download limit) fails the repository with LimitExceeded, refused from the
// pack's object header before anything is inflated. Checked in a child process with a memory
// ceiling and its peak RSS, and through the real controller for the status.
import { expect, test } from "vitest";
import { fetchInChild } from "../support/git-memory.js";
import { readyCondition, templateYaml, useSyncHarness } from "./repository-harness.js";

const h = useSyncHarness();
const MiB = 2 ** 20;
const hugeYaml = () => Buffer.concat([Buffer.from("# "), Buffer.alloc(60 * MiB, "a"), Buffer.from("\n")]);

test("a 60 MiB compressible YAML file: LimitExceeded, the process lives and its memory stays bounded", async () => {
  const repo = await h.current.server.createRepo("huge-child");
  await repo.write({ "templates/ok.yaml": templateYaml("ok"), "templates/huge.yaml": hugeYaml() }).commit();
  const result = await fetchInChild(repo.url, "templates");
  expect(result).toMatchObject({ ok: false, reason: "LimitExceeded" });
  expect(result.message).toContain("objects over");
  // Without the bound the 60 MiB object is inflated into memory (several times over), so the peak
  // grows by at least the file's size. Below it, with room for the fetch's own garbage, which a busy
  // machine collects late (56 MiB measured once in CI, under 40 on a quiet one).
  expect(result.growthMiB).toBeLessThan(60);
});

test("the TemplateRepository goes Failed with LimitExceeded, saying which limit", async () => {
  const repo = await h.current.server.createRepo("huge");
  await repo.write({ "ok.yaml": templateYaml("ok"), "huge.yaml": hugeYaml() }).commit();
  await h.current.applyRepository("huge", { url: repo.url, interval: "1h" });
  const status = await h.current.waitForStatus("huge", (s) => s.phase === "Failed");
  expect(readyCondition(status)).toMatchObject({ status: "False", reason: "LimitExceeded" });
  expect(readyCondition(status)?.message).toMatch(
    /an object of 60\.0 MiB; objects over \d+\.\d MiB are refused/,
  );
});
