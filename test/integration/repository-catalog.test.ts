// StreamSpace's own catalog/, served from a local git server, synced as an admin would point a
// TemplateRepository at it (path: catalog).
import { expect, test } from "vitest";
import { treeFiles } from "../support/read-tree.js";
import { names, readyCondition, useSyncHarness } from "./repository-harness.js";

const h = useSyncHarness();
const catalog = new URL("../../catalog/", import.meta.url).pathname;

test("every Template of catalog/ is applied and the repository is Ready with no problem reported", async () => {
  const files = treeFiles(catalog, "catalog");
  const manifests = Object.keys(files).filter((f) => /\.ya?ml$/.test(f));
  expect(manifests.length).toBeGreaterThanOrEqual(200);
  const repo = await h.current.server.createRepo("streamspace");
  const commit = await repo.write(files).commit("catalog");

  await h.current.applyRepository("catalog", { url: repo.url, path: "catalog" });
  const status = await h.current.waitForStatus(
    "catalog",
    (s) => s.revision === `main@sha1:${commit}`,
    "the catalog",
    90_000,
  );
  expect(status.errors).toEqual([]);
  expect(readyCondition(status)).toMatchObject({ status: "True", reason: "Succeeded" });
  expect(status.templateCount).toBe(manifests.length);

  const templates = await h.current.templates();
  expect(templates.size).toBe(manifests.length);
  const firefox = templates.get("firefox");
  expect(firefox?.spec).toMatchObject({ appType: "desktop", baseImage: expect.stringContaining("firefox") });
  expect(firefox?.metadata?.annotations?.["streamspace.io/source-path"]).toMatch(
    /^catalog\/templates\/[a-z-]+\/firefox\.yaml$/,
  );
  expect(names(templates)).toContain("firefox");
}, 120_000);
