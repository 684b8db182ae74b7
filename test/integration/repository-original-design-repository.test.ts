// A template repository written as the original design writes it syncs Ready: Templates under the
// current apiVersion with kasmvnc and user-home, and legacy ones named `your_spotify`, are applied
// converted with warnings; its CI workflow and what its .sourceignore lists are not read at all.
import { expect, test } from "vitest";
import { firefoxInCurrentGroup } from "../support/original-design.js";
import { names, readyCondition, useSyncHarness } from "./repository-harness.js";

const h = useSyncHarness();

const firefox = firefoxInCurrentGroup();

const spotify = `apiVersion: stream.space/v1alpha1
kind: Template
metadata:
  name: your_spotify
spec:
  displayName: Your Spotify
  category: Audio
  baseImage: lscr.io/linuxserver/your_spotify:latest
  kasmvnc: {enabled: false, port: 8080}
`;

const workflow = `name: ci
on: [push]
jobs:
  test: {runs-on: ubuntu-latest, steps: [{run: make}]}
`;

test("the design's repository syncs Ready with converted Templates and no CI or ignored file read", async () => {
  const repo = await h.current.server.createRepo("design");
  await repo
    .write({
      ".github/workflows/ci.yml": workflow,
      ".gitlab-ci.yml": "test:\n  script: make\n",
      ".sourceignore": "drafts/\n",
      "templates/browsers/firefox.yaml": firefox,
      "templates/audio/your_spotify.yaml": spotify,
      "templates/drafts/half-done.yaml": "kind: Template\nspec: {}\n",
    })
    .commit();
  await h.current.applyRepository("design", { url: repo.url });
  const status = await h.current.waitForStatus("design", (s) => s.phase === "Ready");
  expect(readyCondition(status)).toMatchObject({ status: "True" });
  expect(status.errors?.map((e) => [e.file, e.field, e.severity])).toEqual([
    ["templates/audio/your_spotify.yaml", "apiVersion", "Warning"],
    ["templates/audio/your_spotify.yaml", "spec.kasmvnc", "Warning"],
    ["templates/audio/your_spotify.yaml", "metadata.name", "Warning"],
    ["templates/browsers/firefox.yaml", "spec.kasmvnc", "Warning"],
    ["templates/browsers/firefox.yaml", "spec.defaultResources", "Warning"],
    ["templates/browsers/firefox.yaml", "spec.volumeMounts[0].name", "Warning"],
  ]);
  const templates = await h.current.templates();
  expect(names(templates)).toEqual(["firefox-browser", "your-spotify"]);
  expect(templates.get("firefox-browser")?.spec).toMatchObject({
    appType: "desktop",
    vnc: { port: 3000, protocol: "websocket" },
    volumeMounts: [{ name: "home", mountPath: "/config" }],
  });
  expect(templates.get("your-spotify")?.spec).toMatchObject({ appType: "webapp", webapp: { port: 8080 } });
});
