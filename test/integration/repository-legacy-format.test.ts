// Templates in the older format are converted on import; the status says what was changed.
import { expect, test } from "vitest";
import { readyCondition, useSyncHarness } from "./repository-harness.js";

const h = useSyncHarness();

const legacy = `apiVersion: stream.space/v1alpha1
kind: Template
metadata:
  name: firefox
  namespace: workspaces
spec:
  displayName: Firefox
  category: Web Browsers
  baseImage: lscr.io/linuxserver/firefox:latest
  defaultResources:
    memory: 2Gi
    cpu: 1000m
  kasmvnc:
    enabled: true
    port: 3000
`;

test("an older-format Template is applied converted, with a warning per change and the repository Ready", async () => {
  const repo = await h.current.server.createRepo("legacy");
  await repo.write({ "browsers/firefox.yaml": legacy }).commit();
  await h.current.applyRepository("legacy", { url: repo.url });
  const status = await h.current.waitForStatus("legacy", (s) => s.phase === "Ready");
  expect(readyCondition(status)).toMatchObject({ status: "True" });
  expect(status.errors?.map((e) => [e.file, e.field, e.severity])).toEqual([
    ["browsers/firefox.yaml", "apiVersion", "Warning"],
    ["browsers/firefox.yaml", "spec.kasmvnc", "Warning"],
    ["browsers/firefox.yaml", "spec.defaultResources", "Warning"],
    ["browsers/firefox.yaml", "metadata.namespace", "Warning"],
  ]);
  const firefox = (await h.current.templates()).get("firefox");
  expect(firefox?.metadata?.namespace).toBe(h.current.namespace);
  expect(firefox?.spec).toMatchObject({
    appType: "desktop",
    vnc: { enabled: true, port: 3000, protocol: "websocket" },
    defaultResources: { requests: { memory: "2Gi", cpu: "1000m" }, limits: { memory: "2Gi", cpu: "1000m" } },
  });
  expect(firefox?.spec).not.toHaveProperty("kasmvnc");
});
