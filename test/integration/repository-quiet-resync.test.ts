// A resync of an unchanged repository looks at the server's refs and nothing else: no pack is
// downloaded, and nothing is written to the API server.
import { expect, test } from "vitest";
import { METRICS } from "../../src/api/metrics.js";
import { templateYaml, useSyncHarness } from "./repository-harness.js";

const h = useSyncHarness();

const resourceVersions = async () => {
  const templates = await h.current.templates();
  const repo = await h.current.repository("quiet");
  return {
    repository: repo.metadata?.resourceVersion,
    templates: Object.fromEntries([...templates].map(([name, t]) => [name, t.metadata?.resourceVersion])),
  };
};

test("interval resyncs of an unchanged repository download nothing and write nothing", async () => {
  const repo = await h.current.server.createRepo("quiet");
  await repo.write({ "a.yaml": templateYaml("alpha"), "b.yaml": templateYaml("beta") }).commit();
  await h.current.applyRepository("quiet", { url: repo.url, interval: "1s" });
  await h.current.waitForStatus("quiet", (s) => s.phase === "Ready");
  await new Promise((r) => setTimeout(r, 1500));

  const before = await resourceVersions();
  h.current.server.requests.length = 0;
  await new Promise((r) => setTimeout(r, 5000));

  const listings = h.current.server.requests.filter((r) => r === "GET /quiet.git/info/refs").length;
  expect(listings).toBeGreaterThanOrEqual(3);
  expect(h.current.server.requests.filter((r) => r.startsWith("POST"))).toEqual([]);
  expect(await resourceVersions()).toEqual(before);

  const applied = await h.current.metrics.registry.getSingleMetric(METRICS.applyTotal)?.get();
  const count = (result: string) => applied?.values.find((v) => v.labels.result === result)?.value ?? 0;
  expect(count("created")).toBe(2);
  expect(count("configured")).toBe(0);
});

test("a revision that cannot be read is not read again at each interval, and its Failed status is not rewritten", async () => {
  const repo = await h.current.server.createRepo("stuck");
  await repo.commitRawTree([["100644", "..", templateYaml("escaped")]]);
  await h.current.applyRepository("stuck", { url: repo.url, interval: "1s" });
  await h.current.waitForStatus("stuck", (s) => s.phase === "Failed");
  await new Promise((r) => setTimeout(r, 1500));
  const before = (await h.current.repository("stuck")).metadata?.resourceVersion;
  h.current.server.requests.length = 0;
  await new Promise((r) => setTimeout(r, 4000));
  expect(
    h.current.server.requests.filter((r) => r === "GET /stuck.git/info/refs").length,
  ).toBeGreaterThanOrEqual(2);
  expect((await h.current.repository("stuck")).metadata?.resourceVersion).toBe(before);
});
