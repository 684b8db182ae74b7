import { expect, test } from "vitest";
import { templatesFromFiles } from "../../src/controllers/repository/manifests.js";
import { DEFAULT_LIMITS } from "../../src/controllers/repository/source.js";

// Shaped like the templates of StreamSpace's predecessor (stream.space/v1alpha1).
const legacyFirefox = `apiVersion: stream.space/v1alpha1
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
  ports:
  - name: vnc
    containerPort: 3000
    protocol: TCP
  volumeMounts:
  - name: user-home
    mountPath: /config
  kasmvnc:
    enabled: true
    port: 3000
  capabilities: [Network, Clipboard]
`;

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

const read = (path: string, text: string) =>
  templatesFromFiles([{ path, oid: path, bytes: text.length, content: Buffer.from(text) }], {
    namespace: "streamspace",
    limits: DEFAULT_LIMITS,
  });

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
    "metadata.namespace",
  ]);
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
