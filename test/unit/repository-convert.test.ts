import { expect, test } from "vitest";
import { originalDesign, readTemplates as read } from "../support/original-design.js";

// Shaped like the templates of StreamSpace's predecessor (stream.space/v1alpha1).
const legacyFirefox = originalDesign("firefox-legacy.yaml");

const legacyCodeServer = `apiVersion: stream.space/v1alpha1
kind: Template
metadata: { name: code-server, namespace: workspaces }
spec:
  displayName: Code-Server
  category: Development
  baseImage: lscr.io/linuxserver/code-server:latest
  defaultResources: { memory: 4Gi, cpu: 2000m }
  kasmvnc: { enabled: false, port: 8080 }
`;

test("an older-format desktop Template is converted: vnc from kasmvnc, requests and limits from flat resources", () => {
  const { definitions, problems } = read("browsers/firefox.yaml", legacyFirefox);
  expect(definitions).toHaveLength(1);
  const spec = definitions[0]?.spec;
  expect(spec?.appType).toBe("desktop");
  expect(spec?.vnc).toEqual({ enabled: true, port: 3000, protocol: "websocket" });
  expect(spec?.defaultResources).toEqual({
    requests: { memory: "2Gi", cpu: "1000m" },
    limits: { memory: "2Gi", cpu: "1000m" },
  });
  expect(spec).not.toHaveProperty("kasmvnc");
  expect(problems.every((p) => p.severity === "Warning" && p.file === "browsers/firefox.yaml")).toBe(true);
  expect(problems.map((p) => p.field)).toEqual([
    "apiVersion",
    "spec.kasmvnc",
    "spec.defaultResources",
    "spec.volumeMounts[0].name",
    "metadata.namespace",
  ]);
  expect(spec?.volumeMounts).toEqual([{ name: "home", mountPath: "/config" }]);
});

test("an older-format Template with KasmVNC disabled becomes a web app on the KasmVNC port", () => {
  const { definitions, problems } = read("development/code-server.yaml", legacyCodeServer);
  expect(definitions[0]?.spec).toMatchObject({ appType: "webapp", webapp: { port: 8080 } });
  expect(definitions[0]?.spec.vnc).toBeUndefined();
  expect(problems.filter((p) => p.severity === "Error")).toEqual([]);
});

test("a converted Template that is still invalid reports the remaining errors after the conversion warnings", () => {
  const { definitions, problems } = read(
    "x.yaml",
    legacyFirefox.replace("  baseImage: lscr.io/linuxserver/firefox:latest\n", ""),
  );
  expect(definitions).toEqual([]);
  expect(problems.filter((p) => p.severity === "Error").map((p) => p.field)).toEqual(["spec.baseImage"]);
  expect(problems.some((p) => p.severity === "Warning" && p.field === "apiVersion")).toBe(true);
});
