// A field deleted from a Template in git is deleted from the Template in the cluster.
import { beforeAll, expect, test } from "vitest";
import { templateYaml, useSyncHarness } from "./repository-harness.js";

const h = useSyncHarness();
let push: (files: Record<string, string | null>) => Promise<string>;

beforeAll(async () => {
  const repo = await h.current.server.createRepo("team");
  push = async (files) => repo.write(files).commit();
  await push({ "firefox.yaml": `${templateYaml("firefox")}  description: A web browser\n` });
  await h.current.applyRepository("team", { url: repo.url, interval: "1h" });
});

test("a field removed in git is removed from the live Template", async () => {
  await h.current.waitForStatus("team", (s) => s.phase === "Ready");
  expect((await h.current.templates()).get("firefox")?.spec.description).toBe("A web browser");
  const commit = await push({ "firefox.yaml": templateYaml("firefox") });
  await h.current.requestSync("team");
  await h.current.waitForStatus("team", (s) => s.revision === `main@sha1:${commit}` && s.phase === "Ready");
  const firefox = (await h.current.templates()).get("firefox");
  expect(firefox?.spec.displayName).toBe("firefox");
  expect(firefox?.spec.description).toBeUndefined();
});
