// A repository as admins use it: push Templates, edit one, delete one, and see the cluster follow.
import { beforeAll, expect, test } from "vitest";
import type { Template } from "../../src/controllers/repository/objects.js";
import { kubectlJson } from "../support/kube.js";
import { names, readyCondition, templateYaml, useSyncHarness } from "./repository-harness.js";

const h = useSyncHarness();
let push: (files: Record<string, string | null>) => Promise<string>;

beforeAll(async () => {
  const repo = await h.current.server.createRepo("team");
  push = async (files) => repo.write(files).commit();
  await push({
    "templates/firefox.yaml": templateYaml("firefox"),
    "templates/gimp.yaml": templateYaml("gimp"),
  });
  await h.current.applyRepository("team", { url: repo.url, path: "templates", interval: "1h" });
});

test("first sync: the Templates appear, labelled with their repository and annotated with their file and commit", async () => {
  const status = await h.current.waitForStatus("team", (s) => s.phase === "Ready");
  expect(status.templateCount).toBe(2);
  expect(status.revision).toMatch(/^main@sha1:[0-9a-f]{40}$/);
  expect(readyCondition(status)).toMatchObject({ status: "True", reason: "Succeeded" });
  const templates = await h.current.templates();
  expect(names(templates)).toEqual(["firefox", "gimp"]);
  const firefox = templates.get("firefox");
  expect(firefox?.metadata?.labels?.["streamspace.io/repository"]).toBe("team");
  expect(firefox?.metadata?.annotations).toMatchObject({
    "streamspace.io/source-path": "templates/firefox.yaml",
    "streamspace.io/source-commit": status.revision?.split(":")[1],
  });
  const withFields = await kubectlJson<Template>([
    "get",
    "template",
    "firefox",
    "-n",
    h.current.namespace,
    "--show-managed-fields",
  ]);
  expect(withFields.metadata?.managedFields?.map((f) => [f.manager, f.operation])).toContainEqual([
    "streamspace",
    "Apply",
  ]);
});

test("a pushed Template appears", async () => {
  const commit = await push({ "templates/vlc.yaml": templateYaml("vlc") });
  await h.current.requestSync("team");
  await h.current.waitForStatus("team", (s) => s.revision === `main@sha1:${commit}` && s.phase === "Ready");
  expect(names(await h.current.templates())).toEqual(["firefox", "gimp", "vlc"]);
});

test("an edited Template is updated in place", async () => {
  const before = (await h.current.templates()).get("gimp");
  const commit = await push({
    "templates/gimp.yaml": templateYaml("gimp", { displayName: "GIMP 3", image: "example.com/gimp:3" }),
  });
  await h.current.requestSync("team");
  await h.current.waitForStatus("team", (s) => s.revision === `main@sha1:${commit}`);
  const after = (await h.current.templates()).get("gimp");
  expect(after?.spec.displayName).toBe("GIMP 3");
  expect(after?.spec.baseImage).toBe("example.com/gimp:3");
  expect(after?.metadata?.uid).toBe(before?.metadata?.uid);
  // The source commit is the one that last changed each Template: gimp's moved, firefox's did not.
  expect(after?.metadata?.annotations?.["streamspace.io/source-commit"]).toBe(commit);
  const firefox = (await h.current.templates()).get("firefox");
  const firefoxCommit = firefox?.metadata?.annotations?.["streamspace.io/source-commit"];
  expect(firefoxCommit).toMatch(/^[0-9a-f]{40}$/);
  expect(firefoxCommit).not.toBe(commit);
});

test("a Template deleted from the repository is pruned from the cluster", async () => {
  const commit = await push({ "templates/vlc.yaml": null });
  await h.current.requestSync("team");
  const status = await h.current.waitForStatus("team", (s) => s.revision === `main@sha1:${commit}`);
  expect(status.templateCount).toBe(2);
  expect(status.inventory?.map((r) => r.name).sort()).toEqual(["firefox", "gimp"]);
  expect(names(await h.current.templates())).toEqual(["firefox", "gimp"]);
});

test("a broken file is reported in status; the other Templates stay and the broken one keeps its last good version", async () => {
  const commit = await push({
    "templates/gimp.yaml": templateYaml("gimp").replace("appType: desktop", "appType: spreadsheet"),
    "templates/krita.yaml": templateYaml("krita"),
  });
  await h.current.requestSync("team");
  const status = await h.current.waitForStatus("team", (s) => s.revision === `main@sha1:${commit}`);
  expect(status.phase).toBe("Failed");
  expect(readyCondition(status)).toMatchObject({ status: "False", reason: "ValidationFailed" });
  expect(status.errors).toEqual([
    expect.objectContaining({
      file: "templates/gimp.yaml",
      document: 0,
      field: "spec.appType",
      severity: "Error",
    }),
  ]);
  const templates = await h.current.templates();
  expect(names(templates)).toEqual(["firefox", "gimp", "krita"]);
  expect(templates.get("gimp")?.spec.appType).toBe("desktop");
  expect(status.templateCount).toBe(3);
});
